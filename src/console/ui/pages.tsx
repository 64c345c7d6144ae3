import { useState } from 'react';
import { defineMessages, useT } from '../i18n';

/**
 * Server pagination with the API's cursors: a stack of `after` cursors, so Previous goes back without
 * the API having to page backwards. A filter changes through `resetting(set)`, which starts again at
 * the first page.
 */
export function usePages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const reset = () => setCursors([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    reset,
    resetting:
      <V,>(set: (value: V) => void) =>
      (value: V) => {
        set(value);
        reset();
      },
    next: (endCursor: string | null | undefined) => setCursors((c) => [...c, endCursor ?? null]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
  };
}

const messages = defineMessages({
  en: { pages: 'Pages', previous: 'Previous', next: 'Next', page: 'Page {page}' },
  de: { pages: 'Seiten', previous: 'Zurück', next: 'Weiter', page: 'Seite {page}' },
  es: { pages: 'Páginas', previous: 'Anterior', next: 'Siguiente', page: 'Página {page}' },
  fr: { pages: 'Pages', previous: 'Précédent', next: 'Suivant', page: 'Page {page}' },
  it: { pages: 'Pagine', previous: 'Precedente', next: 'Successiva', page: 'Pagina {page}' },
  ja: { pages: 'ページ', previous: '前へ', next: '次へ', page: '{page} ページ' },
  ko: { pages: '페이지', previous: '이전', next: '다음', page: '{page}페이지' },
  'pt-BR': { pages: 'Páginas', previous: 'Anterior', next: 'Próxima', page: 'Página {page}' },
  ru: { pages: 'Страницы', previous: 'Назад', next: 'Далее', page: 'Страница {page}' },
  'zh-HANS': { pages: '分页', previous: '上一页', next: '下一页', page: '第 {page} 页' },
  'zh-HANT': { pages: '分頁', previous: '上一頁', next: '下一頁', page: '第 {page} 頁' },
});

export function Pager(props: {
  pages: ReturnType<typeof usePages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  busy: boolean;
}) {
  const { pages, pageInfo, busy } = props;
  const t = useT(messages);
  return (
    <nav aria-label={t('pages')} className="pager">
      <button type="button" disabled={pages.page < 2 || busy} onClick={pages.previous}>
        {t('previous')}
      </button>
      <span className="muted">{t('page', { page: pages.page })}</span>
      <button type="button" disabled={!pageInfo.hasNextPage || busy} onClick={() => pages.next(pageInfo.endCursor)}>
        {t('next')}
      </button>
    </nav>
  );
}
