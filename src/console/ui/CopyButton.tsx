import { useState } from 'react';
import { defineMessages, useT } from '../i18n';

const messages = defineMessages({
  en: { copy: 'Copy', copyWhat: 'Copy {what}', copied: 'Copied' },
  de: { copy: 'Kopieren', copyWhat: '{what} kopieren', copied: 'Kopiert' },
  es: { copy: 'Copiar', copyWhat: 'Copiar {what}', copied: 'Copiado' },
  fr: { copy: 'Copier', copyWhat: 'Copier {what}', copied: 'Copié' },
  it: { copy: 'Copia', copyWhat: 'Copia {what}', copied: 'Copiato' },
  ja: { copy: 'コピー', copyWhat: '{what} をコピー', copied: 'コピーしました' },
  ko: { copy: '복사', copyWhat: '{what} 복사', copied: '복사됨' },
  'pt-BR': { copy: 'Copiar', copyWhat: 'Copiar {what}', copied: 'Copiado' },
  ru: { copy: 'Копировать', copyWhat: 'Копировать {what}', copied: 'Скопировано' },
  'zh-HANS': { copy: '复制', copyWhat: '复制 {what}', copied: '已复制' },
  'zh-HANT': { copy: '複製', copyWhat: '複製 {what}', copied: '已複製' },
});

/** Copies a value to the clipboard; `what` names it for screen readers (e.g. the record's domain). */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const t = useT(messages);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <button type="button" onClick={() => void copy()} aria-label={t('copyWhat', { what })}>
      {copied ? t('copied') : t('copy')}
    </button>
  );
}
