import { defineMessages } from '../i18n';

/** The add-a-domain form's text in the 11 page languages. */
export const messages = defineMessages({
  en: {
    intro: 'Addresses at a verified domain belong to this tenant. Publish the TXT record in the domain’s DNS, then verify.',
    add: 'Domain to add',
    addButton: 'Add domain',
    added: '{name} added. Publish its TXT record, then verify it.',
  },
  de: {
    intro:
      'Adressen einer verifizierten Domäne gehören zu diesem Mandanten. Veröffentlichen Sie den TXT-Eintrag im DNS der Domäne und verifizieren Sie sie dann.',
    add: 'Hinzuzufügende Domäne',
    addButton: 'Domäne hinzufügen',
    added: '{name} hinzugefügt. Veröffentlichen Sie den TXT-Eintrag und verifizieren Sie die Domäne.',
  },
  es: {
    intro:
      'Las direcciones de un dominio verificado pertenecen a este inquilino. Publique el registro TXT en el DNS del dominio y luego verifíquelo.',
    add: 'Dominio que se va a agregar',
    addButton: 'Agregar dominio',
    added: '{name} agregado. Publique su registro TXT y luego verifíquelo.',
  },
  fr: {
    intro:
      'Les adresses d’un domaine vérifié appartiennent à ce locataire. Publiez l’enregistrement TXT dans le DNS du domaine, puis vérifiez-le.',
    add: 'Domaine à ajouter',
    addButton: 'Ajouter le domaine',
    added: '{name} ajouté. Publiez son enregistrement TXT, puis vérifiez-le.',
  },
  it: {
    intro:
      'Gli indirizzi di un dominio verificato appartengono a questo tenant. Pubblica il record TXT nel DNS del dominio, poi verificalo.',
    add: 'Dominio da aggiungere',
    addButton: 'Aggiungi dominio',
    added: '{name} aggiunto. Pubblica il suo record TXT, poi verificalo.',
  },
  ja: {
    intro: '確認済みドメインのアドレスはこのテナントに属します。ドメインの DNS に TXT レコードを公開してから確認してください。',
    add: '追加するドメイン',
    addButton: 'ドメインを追加',
    added: '{name} を追加しました。TXT レコードを公開してから確認してください。',
  },
  ko: {
    intro: '확인된 도메인의 주소는 이 테넌트에 속합니다. 도메인의 DNS에 TXT 레코드를 게시한 다음 확인하세요.',
    add: '추가할 도메인',
    addButton: '도메인 추가',
    added: '{name}을(를) 추가했습니다. TXT 레코드를 게시한 다음 확인하세요.',
  },
  'pt-BR': {
    intro: 'Endereços de um domínio verificado pertencem a este locatário. Publique o registro TXT no DNS do domínio e depois verifique.',
    add: 'Domínio a adicionar',
    addButton: 'Adicionar domínio',
    added: '{name} adicionado. Publique o registro TXT e depois verifique.',
  },
  ru: {
    intro: 'Адреса подтверждённого домена принадлежат этому клиенту. Опубликуйте TXT-запись в DNS домена, затем подтвердите его.',
    add: 'Добавляемый домен',
    addButton: 'Добавить домен',
    added: 'Домен {name} добавлен. Опубликуйте его TXT-запись, затем подтвердите.',
  },
  'zh-HANS': {
    intro: '已验证域中的地址属于此租户。请在域的 DNS 中发布 TXT 记录，然后进行验证。',
    add: '要添加的域',
    addButton: '添加域',
    added: '已添加 {name}。请发布其 TXT 记录，然后进行验证。',
  },
  'zh-HANT': {
    intro: '已驗證網域中的位址屬於此租用戶。請在網域的 DNS 中發佈 TXT 記錄，然後進行驗證。',
    add: '要新增的網域',
    addButton: '新增網域',
    added: '已新增 {name}。請發佈其 TXT 記錄，然後進行驗證。',
  },
});
