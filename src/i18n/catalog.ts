import { DEFAULT_LANGUAGE, type Language, SUPPORTED_LANGUAGES } from '../invitations/languages.js';

/**
 * The one message catalogue for everything a partner reads: the invitation email now, the
 * redemption pages later. Every language has every key (the type enforces it); `{name}`
 * placeholders are filled by `translate`, and values are plain text (escape them for HTML).
 */
export interface Messages {
  'invite.subject': string;
  'invite.heading': string;
  'invite.intro': string;
  'invite.messageFrom': string;
  'invite.accept': string;
  'invite.linkFallback': string;
  'invite.expires': string;
  'invite.noExpiry': string;
  'invite.privacy': string;
  'invite.noPrivacy': string;
  'invite.contact': string;
  'invite.phishing': string;
  'invite.footer': string;
  'code.subject': string;
  'code.intro': string;
  'code.expiry': string;
}

export type MessageKey = keyof Messages;

const en: Messages = {
  'invite.subject': '{inviter} invited you to access applications in {tenant}',
  'invite.heading': "You're invited to the {tenant} organization",
  'invite.intro': '{inviter} from {tenant} has invited you to access applications in their organization.',
  'invite.messageFrom': 'Message from {inviter}:',
  'invite.accept': 'Accept invitation',
  'invite.linkFallback': "If the button doesn't work, copy this link into your browser:",
  'invite.expires': 'This invitation expires on {date}.',
  'invite.noExpiry': 'This invitation does not expire.',
  'invite.privacy': 'Privacy statement of {tenant}: {url}',
  'invite.noPrivacy': '{tenant} has not provided a privacy statement.',
  'invite.contact': 'Questions? Contact {tenant}: {url}',
  'invite.phishing':
    'Only accept this invitation if you know {inviter} or {tenant}. If you were not expecting it, ignore this email: nothing happens until you accept.',
  'invite.footer': 'Sent on behalf of {tenant} by its b2b-gateway partner access service.',
  'code.subject': 'Your verification code is {code}',
  'code.intro': 'Use this code to verify your email address for {tenant}:',
  'code.expiry': 'The code expires in 10 minutes. If you did not ask for it, ignore this email.',
};

const de: Messages = {
  'invite.subject': '{inviter} hat Sie zum Zugriff auf Anwendungen von {tenant} eingeladen',
  'invite.heading': 'Sie wurden in die Organisation {tenant} eingeladen',
  'invite.intro': '{inviter} von {tenant} hat Sie eingeladen, auf Anwendungen der Organisation zuzugreifen.',
  'invite.messageFrom': 'Nachricht von {inviter}:',
  'invite.accept': 'Einladung annehmen',
  'invite.linkFallback': 'Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in Ihren Browser:',
  'invite.expires': 'Diese Einladung läuft am {date} ab.',
  'invite.noExpiry': 'Diese Einladung läuft nicht ab.',
  'invite.privacy': 'Datenschutzerklärung von {tenant}: {url}',
  'invite.noPrivacy': '{tenant} hat keine Datenschutzerklärung angegeben.',
  'invite.contact': 'Fragen? Wenden Sie sich an {tenant}: {url}',
  'invite.phishing':
    'Nehmen Sie diese Einladung nur an, wenn Sie {inviter} oder {tenant} kennen. Wenn Sie sie nicht erwartet haben, ignorieren Sie diese E-Mail: Ohne Ihre Annahme geschieht nichts.',
  'invite.footer': 'Im Auftrag von {tenant} gesendet über dessen b2b-gateway-Partnerzugang.',
  'code.subject': 'Ihr Bestätigungscode lautet {code}',
  'code.intro': 'Verwenden Sie diesen Code, um Ihre E-Mail-Adresse für {tenant} zu bestätigen:',
  'code.expiry': 'Der Code läuft in 10 Minuten ab. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail.',
};

const es: Messages = {
  'invite.subject': '{inviter} le ha invitado a acceder a aplicaciones de {tenant}',
  'invite.heading': 'Ha recibido una invitación a la organización {tenant}',
  'invite.intro': '{inviter}, de {tenant}, le ha invitado a acceder a aplicaciones de su organización.',
  'invite.messageFrom': 'Mensaje de {inviter}:',
  'invite.accept': 'Aceptar invitación',
  'invite.linkFallback': 'Si el botón no funciona, copie este enlace en su navegador:',
  'invite.expires': 'Esta invitación caduca el {date}.',
  'invite.noExpiry': 'Esta invitación no caduca.',
  'invite.privacy': 'Declaración de privacidad de {tenant}: {url}',
  'invite.noPrivacy': '{tenant} no ha proporcionado una declaración de privacidad.',
  'invite.contact': '¿Preguntas? Póngase en contacto con {tenant}: {url}',
  'invite.phishing':
    'Acepte esta invitación solo si conoce a {inviter} o a {tenant}. Si no la esperaba, ignore este correo: no ocurrirá nada hasta que la acepte.',
  'invite.footer': 'Enviado en nombre de {tenant} por su servicio de acceso para socios b2b-gateway.',
  'code.subject': 'Su código de verificación es {code}',
  'code.intro': 'Use este código para verificar su dirección de correo electrónico para {tenant}:',
  'code.expiry': 'El código caduca en 10 minutos. Si no lo ha solicitado, ignore este correo.',
};

const fr: Messages = {
  'invite.subject': '{inviter} vous a invité à accéder aux applications de {tenant}',
  'invite.heading': "Vous êtes invité à rejoindre l'organisation {tenant}",
  'invite.intro': '{inviter}, de {tenant}, vous a invité à accéder aux applications de son organisation.',
  'invite.messageFrom': 'Message de {inviter} :',
  'invite.accept': "Accepter l'invitation",
  'invite.linkFallback': 'Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :',
  'invite.expires': 'Cette invitation expire le {date}.',
  'invite.noExpiry': "Cette invitation n'expire pas.",
  'invite.privacy': 'Déclaration de confidentialité de {tenant} : {url}',
  'invite.noPrivacy': "{tenant} n'a pas fourni de déclaration de confidentialité.",
  'invite.contact': 'Des questions ? Contactez {tenant} : {url}',
  'invite.phishing':
    "N'acceptez cette invitation que si vous connaissez {inviter} ou {tenant}. Si vous ne l'attendiez pas, ignorez ce message : rien ne se passe tant que vous ne l'acceptez pas.",
  'invite.footer': 'Envoyé au nom de {tenant} par son service d’accès partenaires b2b-gateway.',
  'code.subject': 'Votre code de vérification est {code}',
  'code.intro': 'Utilisez ce code pour vérifier votre adresse e-mail pour {tenant} :',
  'code.expiry': 'Le code expire dans 10 minutes. Si vous ne l’avez pas demandé, ignorez ce message.',
};

const it: Messages = {
  'invite.subject': '{inviter} ti ha invitato ad accedere alle applicazioni di {tenant}',
  'invite.heading': "Hai ricevuto un invito all'organizzazione {tenant}",
  'invite.intro': "{inviter} di {tenant} ti ha invitato ad accedere alle applicazioni della sua organizzazione.",
  'invite.messageFrom': 'Messaggio di {inviter}:',
  'invite.accept': 'Accetta invito',
  'invite.linkFallback': 'Se il pulsante non funziona, copia questo link nel browser:',
  'invite.expires': 'Questo invito scade il {date}.',
  'invite.noExpiry': 'Questo invito non scade.',
  'invite.privacy': 'Informativa sulla privacy di {tenant}: {url}',
  'invite.noPrivacy': "{tenant} non ha fornito un'informativa sulla privacy.",
  'invite.contact': 'Domande? Contatta {tenant}: {url}',
  'invite.phishing':
    "Accetta questo invito solo se conosci {inviter} o {tenant}. Se non te lo aspettavi, ignora questa email: non succede nulla finché non lo accetti.",
  'invite.footer': 'Inviato per conto di {tenant} dal suo servizio di accesso partner b2b-gateway.',
  'code.subject': 'Il tuo codice di verifica è {code}',
  'code.intro': 'Usa questo codice per verificare il tuo indirizzo email per {tenant}:',
  'code.expiry': "Il codice scade tra 10 minuti. Se non l'hai richiesto, ignora questa email.",
};

const ja: Messages = {
  'invite.subject': '{inviter} さんから {tenant} のアプリケーションへの招待が届いています',
  'invite.heading': '{tenant} 組織への招待',
  'invite.intro': '{tenant} の {inviter} さんが、組織のアプリケーションへのアクセスにあなたを招待しました。',
  'invite.messageFrom': '{inviter} さんからのメッセージ:',
  'invite.accept': '招待を承諾する',
  'invite.linkFallback': 'ボタンが機能しない場合は、次のリンクをブラウザーにコピーしてください:',
  'invite.expires': 'この招待の有効期限は {date} です。',
  'invite.noExpiry': 'この招待に有効期限はありません。',
  'invite.privacy': '{tenant} のプライバシーに関する声明: {url}',
  'invite.noPrivacy': '{tenant} はプライバシーに関する声明を提供していません。',
  'invite.contact': 'ご質問は {tenant} までお問い合わせください: {url}',
  'invite.phishing':
    '{inviter} さんまたは {tenant} をご存じの場合にのみ、この招待を承諾してください。心当たりがない場合は、このメールを無視してください。承諾しない限り何も起こりません。',
  'invite.footer': '{tenant} の代理として、b2b-gateway パートナー アクセス サービスから送信されました。',
  'code.subject': '確認コードは {code} です',
  'code.intro': '{tenant} のメール アドレスを確認するには、次のコードを使用してください:',
  'code.expiry': 'このコードの有効期限は 10 分です。心当たりがない場合は、このメールを無視してください。',
};

const ko: Messages = {
  'invite.subject': '{inviter}님이 {tenant}의 애플리케이션에 액세스하도록 초대했습니다',
  'invite.heading': '{tenant} 조직에 초대되었습니다',
  'invite.intro': '{tenant}의 {inviter}님이 조직의 애플리케이션에 액세스하도록 초대했습니다.',
  'invite.messageFrom': '{inviter}님의 메시지:',
  'invite.accept': '초대 수락',
  'invite.linkFallback': '단추가 작동하지 않으면 이 링크를 브라우저에 복사하세요:',
  'invite.expires': '이 초대는 {date}에 만료됩니다.',
  'invite.noExpiry': '이 초대는 만료되지 않습니다.',
  'invite.privacy': '{tenant} 개인정보처리방침: {url}',
  'invite.noPrivacy': '{tenant}에서 개인정보처리방침을 제공하지 않았습니다.',
  'invite.contact': '문의 사항은 {tenant}에 연락하세요: {url}',
  'invite.phishing':
    '{inviter}님 또는 {tenant}을(를) 아는 경우에만 이 초대를 수락하세요. 예상하지 못한 초대라면 이 메일을 무시하세요. 수락하기 전에는 아무 일도 일어나지 않습니다.',
  'invite.footer': '{tenant}을(를) 대신하여 b2b-gateway 파트너 액세스 서비스에서 보냈습니다.',
  'code.subject': '인증 코드는 {code}입니다',
  'code.intro': '{tenant}에 사용할 이메일 주소를 확인하려면 이 코드를 사용하세요:',
  'code.expiry': '코드는 10분 후에 만료됩니다. 요청하지 않았다면 이 메일을 무시하세요.',
};

const ptBR: Messages = {
  'invite.subject': '{inviter} convidou você para acessar aplicativos de {tenant}',
  'invite.heading': 'Você foi convidado para a organização {tenant}',
  'invite.intro': '{inviter}, de {tenant}, convidou você para acessar aplicativos da organização.',
  'invite.messageFrom': 'Mensagem de {inviter}:',
  'invite.accept': 'Aceitar convite',
  'invite.linkFallback': 'Se o botão não funcionar, copie este link no seu navegador:',
  'invite.expires': 'Este convite expira em {date}.',
  'invite.noExpiry': 'Este convite não expira.',
  'invite.privacy': 'Declaração de privacidade de {tenant}: {url}',
  'invite.noPrivacy': '{tenant} não forneceu uma declaração de privacidade.',
  'invite.contact': 'Dúvidas? Entre em contato com {tenant}: {url}',
  'invite.phishing':
    'Aceite este convite somente se você conhece {inviter} ou {tenant}. Se não estava esperando por ele, ignore este e-mail: nada acontece até que você aceite.',
  'invite.footer': 'Enviado em nome de {tenant} pelo serviço de acesso de parceiros b2b-gateway.',
  'code.subject': 'Seu código de verificação é {code}',
  'code.intro': 'Use este código para verificar seu endereço de e-mail para {tenant}:',
  'code.expiry': 'O código expira em 10 minutos. Se você não o solicitou, ignore este e-mail.',
};

const ru: Messages = {
  'invite.subject': '{inviter} приглашает вас получить доступ к приложениям {tenant}',
  'invite.heading': 'Вас пригласили в организацию {tenant}',
  'invite.intro': '{inviter} из {tenant} приглашает вас получить доступ к приложениям организации.',
  'invite.messageFrom': 'Сообщение от {inviter}:',
  'invite.accept': 'Принять приглашение',
  'invite.linkFallback': 'Если кнопка не работает, скопируйте эту ссылку в браузер:',
  'invite.expires': 'Срок действия приглашения истекает {date}.',
  'invite.noExpiry': 'Срок действия этого приглашения не ограничен.',
  'invite.privacy': 'Заявление о конфиденциальности {tenant}: {url}',
  'invite.noPrivacy': '{tenant} не предоставила заявление о конфиденциальности.',
  'invite.contact': 'Есть вопросы? Свяжитесь с {tenant}: {url}',
  'invite.phishing':
    'Принимайте это приглашение, только если вы знаете {inviter} или {tenant}. Если вы его не ожидали, проигнорируйте это письмо: пока вы не примете приглашение, ничего не произойдёт.',
  'invite.footer': 'Отправлено от имени {tenant} службой партнёрского доступа b2b-gateway.',
  'code.subject': 'Ваш код подтверждения: {code}',
  'code.intro': 'Введите этот код, чтобы подтвердить адрес электронной почты для {tenant}:',
  'code.expiry': 'Срок действия кода — 10 минут. Если вы его не запрашивали, проигнорируйте это письмо.',
};

const zhHans: Messages = {
  'invite.subject': '{inviter} 邀请你访问 {tenant} 的应用程序',
  'invite.heading': '你已受邀加入 {tenant} 组织',
  'invite.intro': '{tenant} 的 {inviter} 邀请你访问其组织中的应用程序。',
  'invite.messageFrom': '来自 {inviter} 的消息:',
  'invite.accept': '接受邀请',
  'invite.linkFallback': '如果按钮无法使用,请将此链接复制到浏览器中:',
  'invite.expires': '此邀请将于 {date} 过期。',
  'invite.noExpiry': '此邀请不会过期。',
  'invite.privacy': '{tenant} 的隐私声明: {url}',
  'invite.noPrivacy': '{tenant} 未提供隐私声明。',
  'invite.contact': '有疑问?请联系 {tenant}: {url}',
  'invite.phishing': '仅当你认识 {inviter} 或 {tenant} 时才接受此邀请。如果你没有预料到此邀请,请忽略此电子邮件:在你接受之前不会发生任何事情。',
  'invite.footer': '由 b2b-gateway 合作伙伴访问服务代表 {tenant} 发送。',
  'code.subject': '你的验证码是 {code}',
  'code.intro': '使用此验证码验证你用于 {tenant} 的电子邮件地址:',
  'code.expiry': '验证码将在 10 分钟后过期。如果你没有请求此验证码,请忽略此电子邮件。',
};

const zhHant: Messages = {
  'invite.subject': '{inviter} 邀請您存取 {tenant} 的應用程式',
  'invite.heading': '您已受邀加入 {tenant} 組織',
  'invite.intro': '{tenant} 的 {inviter} 邀請您存取其組織中的應用程式。',
  'invite.messageFrom': '來自 {inviter} 的訊息:',
  'invite.accept': '接受邀請',
  'invite.linkFallback': '如果按鈕無法使用,請將此連結複製到瀏覽器中:',
  'invite.expires': '此邀請將於 {date} 到期。',
  'invite.noExpiry': '此邀請不會到期。',
  'invite.privacy': '{tenant} 的隱私權聲明: {url}',
  'invite.noPrivacy': '{tenant} 未提供隱私權聲明。',
  'invite.contact': '有疑問嗎?請聯絡 {tenant}: {url}',
  'invite.phishing': '只有在您認識 {inviter} 或 {tenant} 時才接受此邀請。如果您並未預期收到此邀請,請忽略這封電子郵件:在您接受之前不會發生任何事。',
  'invite.footer': '由 b2b-gateway 合作夥伴存取服務代表 {tenant} 傳送。',
  'code.subject': '您的驗證碼是 {code}',
  'code.intro': '使用此驗證碼驗證您用於 {tenant} 的電子郵件地址:',
  'code.expiry': '驗證碼將在 10 分鐘後到期。如果您沒有要求此驗證碼,請忽略這封電子郵件。',
};

export const CATALOG: Record<Language, Messages> = {
  en, de, es, fr, it, ja, ko, 'pt-BR': ptBR, ru, 'zh-HANS': zhHans, 'zh-HANT': zhHant,
};

/** BCP 47 tags for date formatting (Intl does not know the documented `zh-HANS` spelling as a locale of its own). */
export const INTL_LOCALE: Record<Language, string> = {
  en: 'en', de: 'de', es: 'es', fr: 'fr', it: 'it', ja: 'ja', ko: 'ko', 'pt-BR': 'pt-BR', ru: 'ru', 'zh-HANS': 'zh-Hans', 'zh-HANT': 'zh-Hant',
};

/** The message in `language` (falling back to English), with `{name}` placeholders filled. */
export function translate(language: Language, key: MessageKey, values: Record<string, string> = {}): string {
  const template = (CATALOG[language] ?? CATALOG[DEFAULT_LANGUAGE])[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export { SUPPORTED_LANGUAGES };
