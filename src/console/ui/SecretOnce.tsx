import { useId } from 'react';
import { defineMessages, useT } from '../i18n';
import { CopyButton } from './CopyButton';

const messages = defineMessages({
  en: {
    once: 'This is the only time the secret is shown. Copy it now and store it safely: once you leave or reload this page it cannot be shown again.',
  },
  de: {
    once: 'Das Geheimnis wird nur dieses eine Mal angezeigt. Kopieren Sie es jetzt und bewahren Sie es sicher auf: Sobald Sie die Seite verlassen oder neu laden, kann es nicht mehr angezeigt werden.',
  },
  es: {
    once: 'Es la única vez que se muestra el secreto. Cópielo ahora y guárdelo en un lugar seguro: al salir o recargar esta página ya no podrá verse.',
  },
  fr: {
    once: 'Le secret n’est affiché que cette seule fois. Copiez-le maintenant et conservez-le en lieu sûr : dès que vous quittez ou rechargez cette page, il ne peut plus être affiché.',
  },
  it: {
    once: 'Il segreto viene mostrato solo questa volta. Copialo ora e conservalo al sicuro: lasciata o ricaricata questa pagina non potrà più essere mostrato.',
  },
  ja: {
    once: 'シークレットが表示されるのは今回だけです。今すぐコピーして安全に保管してください。このページを離れるか再読み込みすると、二度と表示できません。',
  },
  ko: {
    once: '비밀 값은 지금 한 번만 표시됩니다. 지금 복사해 안전하게 보관하세요. 이 페이지를 떠나거나 새로 고치면 다시 볼 수 없습니다.',
  },
  'pt-BR': {
    once: 'Esta é a única vez que o segredo é exibido. Copie-o agora e guarde-o com segurança: ao sair ou recarregar esta página, ele não poderá ser exibido novamente.',
  },
  ru: {
    once: 'Секрет показывается только сейчас. Скопируйте его и сохраните в надёжном месте: после ухода со страницы или её перезагрузки показать его снова будет невозможно.',
  },
  'zh-HANS': {
    once: '密钥仅显示这一次。请立即复制并妥善保存：离开或刷新此页面后将无法再次显示。',
  },
  'zh-HANT': {
    once: '密碼僅顯示這一次。請立即複製並妥善保存：離開或重新整理此頁面後將無法再次顯示。',
  },
});

/** A secret the API returns once: its value, a copy button, and the warning that it will not come back. */
export function SecretOnce({ title, secret }: { title: string; secret: string }) {
  const t = useT(messages);
  const id = useId();
  return (
    <section className="secret-once" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>
        <strong>{t('once')}</strong>
      </p>
      <p>
        <code className="secret">{secret}</code>
      </p>
      <p>
        <CopyButton text={secret} what={title} />
      </p>
    </section>
  );
}
