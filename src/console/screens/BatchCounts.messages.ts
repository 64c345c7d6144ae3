import { defineMessages } from '../i18n';

/** An upload's counts line (a plural message on its number of rows), in the 11 page languages. */
export const countMessages = defineMessages({
  en: {
    counts: {
      one: '{count} row: {created} created, {resent} resent, {skipped} skipped, {failed} failed',
      other: '{count} rows: {created} created, {resent} resent, {skipped} skipped, {failed} failed',
    },
  },
  de: {
    counts: {
      one: '{count} Zeile: {created} erstellt, {resent} erneut gesendet, {skipped} übersprungen, {failed} fehlgeschlagen',
      other: '{count} Zeilen: {created} erstellt, {resent} erneut gesendet, {skipped} übersprungen, {failed} fehlgeschlagen',
    },
  },
  es: {
    counts: {
      one: '{count} fila: {created} creadas, {resent} reenviadas, {skipped} omitidas, {failed} con error',
      many: '{count} de filas: {created} creadas, {resent} reenviadas, {skipped} omitidas, {failed} con error',
      other: '{count} filas: {created} creadas, {resent} reenviadas, {skipped} omitidas, {failed} con error',
    },
  },
  fr: {
    counts: {
      one: '{count} ligne : {created} créées, {resent} renvoyées, {skipped} ignorées, {failed} en échec',
      many: '{count} de lignes : {created} créées, {resent} renvoyées, {skipped} ignorées, {failed} en échec',
      other: '{count} lignes : {created} créées, {resent} renvoyées, {skipped} ignorées, {failed} en échec',
    },
  },
  it: {
    counts: {
      one: '{count} riga: {created} create, {resent} reinviate, {skipped} saltate, {failed} non riuscite',
      many: '{count} di righe: {created} create, {resent} reinviate, {skipped} saltate, {failed} non riuscite',
      other: '{count} righe: {created} create, {resent} reinviate, {skipped} saltate, {failed} non riuscite',
    },
  },
  ja: { counts: { other: '{count} 行: 作成 {created}、再送信 {resent}、スキップ {skipped}、失敗 {failed}' } },
  ko: { counts: { other: '{count}행: 생성 {created}, 재전송 {resent}, 건너뜀 {skipped}, 실패 {failed}' } },
  'pt-BR': {
    counts: {
      one: '{count} linha: {created} criadas, {resent} reenviadas, {skipped} ignoradas, {failed} com falha',
      many: '{count} de linhas: {created} criadas, {resent} reenviadas, {skipped} ignoradas, {failed} com falha',
      other: '{count} linhas: {created} criadas, {resent} reenviadas, {skipped} ignoradas, {failed} com falha',
    },
  },
  ru: {
    counts: {
      one: '{count} строка; создано: {created}, отправлено снова: {resent}, пропущено: {skipped}, ошибок: {failed}',
      few: '{count} строки; создано: {created}, отправлено снова: {resent}, пропущено: {skipped}, ошибок: {failed}',
      many: '{count} строк; создано: {created}, отправлено снова: {resent}, пропущено: {skipped}, ошибок: {failed}',
      other: '{count} строки; создано: {created}, отправлено снова: {resent}, пропущено: {skipped}, ошибок: {failed}',
    },
  },
  'zh-HANS': { counts: { other: '{count} 行：已创建 {created}，已重新发送 {resent}，已跳过 {skipped}，失败 {failed}' } },
  'zh-HANT': { counts: { other: '{count} 列：已建立 {created}，已重新傳送 {resent}，已略過 {skipped}，失敗 {failed}' } },
});
