import { useState } from 'react';
import { defineMessages, useT } from '../i18n';

const messages = defineMessages({
  en: { copy: 'Copy', copyWhat: 'Copy {what}', copied: 'Copied', failed: 'Could not copy; select the text and copy it.' },
  de: {
    copy: 'Kopieren',
    copyWhat: '{what} kopieren',
    copied: 'Kopiert',
    failed: 'Kopieren fehlgeschlagen; markieren Sie den Text und kopieren Sie ihn.',
  },
  es: { copy: 'Copiar', copyWhat: 'Copiar {what}', copied: 'Copiado', failed: 'No se pudo copiar; seleccione el texto y cópielo.' },
  fr: { copy: 'Copier', copyWhat: 'Copier {what}', copied: 'Copié', failed: 'Copie impossible ; sélectionnez le texte et copiez-le.' },
  it: { copy: 'Copia', copyWhat: 'Copia {what}', copied: 'Copiato', failed: 'Impossibile copiare; seleziona il testo e copialo.' },
  ja: {
    copy: 'コピー',
    copyWhat: '{what} をコピー',
    copied: 'コピーしました',
    failed: 'コピーできませんでした。テキストを選択してコピーしてください。',
  },
  ko: { copy: '복사', copyWhat: '{what} 복사', copied: '복사됨', failed: '복사하지 못했습니다. 텍스트를 선택해 복사하세요.' },
  'pt-BR': {
    copy: 'Copiar',
    copyWhat: 'Copiar {what}',
    copied: 'Copiado',
    failed: 'Não foi possível copiar; selecione o texto e copie-o.',
  },
  ru: {
    copy: 'Копировать',
    copyWhat: 'Копировать: {what}',
    copied: 'Скопировано',
    failed: 'Не удалось скопировать; выделите текст и скопируйте его.',
  },
  'zh-HANS': { copy: '复制', copyWhat: '复制{what}', copied: '已复制', failed: '无法复制；请选中文本后手动复制。' },
  'zh-HANT': { copy: '複製', copyWhat: '複製{what}', copied: '已複製', failed: '無法複製；請選取文字後手動複製。' },
});

/**
 * Copies `text` to the clipboard. The outcome is announced in a status region that is always
 * present (a live region added together with its text is often not read out).
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const t = useT(messages);
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  }
  return (
    <>
      <button type="button" onClick={() => void copy()} aria-label={t('copyWhat', { what })}>
        {t('copy')}
      </button>{' '}
      <span role="status" className={outcome === 'failed' ? 'error' : 'muted'}>
        {outcome ? t(outcome) : ''}
      </span>
    </>
  );
}
