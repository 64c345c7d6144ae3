/** Labels of the API's enums: invitations, their delivery, CSV uploads and people, in the 11 page languages. */
import type { BatchStatus, DeliveryStatus, ExternalUserState, InvitationStatus, RowOutcome, UserType } from '../gql/graphql';
import { defineEnumLabels } from './define';

/** InvitationStatus, as the console names each value. */
export const invitationStatusLabels = defineEnumLabels<InvitationStatus>({
  en: { Accepted: 'Accepted', Expired: 'Expired', PendingAcceptance: 'Pending acceptance', Revoked: 'Revoked' },
  de: { Accepted: 'Angenommen', Expired: 'Abgelaufen', PendingAcceptance: 'Annahme ausstehend', Revoked: 'Widerrufen' },
  es: { Accepted: 'Aceptada', Expired: 'Caducada', PendingAcceptance: 'Pendiente de aceptación', Revoked: 'Revocada' },
  fr: { Accepted: 'Acceptée', Expired: 'Expirée', PendingAcceptance: 'Acceptation en attente', Revoked: 'Révoquée' },
  it: { Accepted: 'Accettato', Expired: 'Scaduto', PendingAcceptance: 'In attesa di accettazione', Revoked: 'Revocato' },
  ja: { Accepted: '承諾済み', Expired: '期限切れ', PendingAcceptance: '承諾待ち', Revoked: '取り消し済み' },
  ko: { Accepted: '수락됨', Expired: '만료됨', PendingAcceptance: '수락 대기 중', Revoked: '취소됨' },
  'pt-BR': { Accepted: 'Aceito', Expired: 'Expirado', PendingAcceptance: 'Aceitação pendente', Revoked: 'Revogado' },
  ru: { Accepted: 'Принято', Expired: 'Истекло', PendingAcceptance: 'Ожидает принятия', Revoked: 'Отозвано' },
  'zh-HANS': { Accepted: '已接受', Expired: '已过期', PendingAcceptance: '等待接受', Revoked: '已撤销' },
  'zh-HANT': { Accepted: '已接受', Expired: '已過期', PendingAcceptance: '等待接受', Revoked: '已撤銷' },
});

/** DeliveryStatus, as the console names each value. */
export const deliveryStatusLabels = defineEnumLabels<DeliveryStatus>({
  en: { Cancelled: 'Cancelled', Failed: 'Failed', Queued: 'Queued', Sending: 'Sending', Sent: 'Sent' },
  de: { Cancelled: 'Abgebrochen', Failed: 'Fehlgeschlagen', Queued: 'In Warteschlange', Sending: 'Wird gesendet', Sent: 'Gesendet' },
  es: { Cancelled: 'Cancelado', Failed: 'Error', Queued: 'En cola', Sending: 'Enviando', Sent: 'Enviado' },
  fr: { Cancelled: 'Annulé', Failed: 'Échec', Queued: 'En file d’attente', Sending: 'Envoi en cours', Sent: 'Envoyé' },
  it: { Cancelled: 'Annullato', Failed: 'Non riuscito', Queued: 'In coda', Sending: 'Invio in corso', Sent: 'Inviato' },
  ja: { Cancelled: 'キャンセル済み', Failed: '失敗', Queued: 'キュー待ち', Sending: '送信中', Sent: '送信済み' },
  ko: { Cancelled: '취소됨', Failed: '실패', Queued: '대기 중', Sending: '보내는 중', Sent: '보냄' },
  'pt-BR': { Cancelled: 'Cancelado', Failed: 'Falhou', Queued: 'Na fila', Sending: 'Enviando', Sent: 'Enviado' },
  ru: { Cancelled: 'Отменено', Failed: 'Сбой', Queued: 'В очереди', Sending: 'Отправляется', Sent: 'Отправлено' },
  'zh-HANS': { Cancelled: '已取消', Failed: '失败', Queued: '排队中', Sending: '正在发送', Sent: '已发送' },
  'zh-HANT': { Cancelled: '已取消', Failed: '失敗', Queued: '排入佇列', Sending: '傳送中', Sent: '已傳送' },
});

/** BatchStatus, as the console names each value. */
export const batchStatusLabels = defineEnumLabels<BatchStatus>({
  en: { Completed: 'Completed', CompletedWithErrors: 'Completed with errors', Processing: 'Processing', Validated: 'Checked (dry run)' },
  de: {
    Completed: 'Abgeschlossen',
    CompletedWithErrors: 'Mit Fehlern abgeschlossen',
    Processing: 'In Bearbeitung',
    Validated: 'Geprüft (Probelauf)',
  },
  es: {
    Completed: 'Completada',
    CompletedWithErrors: 'Completada con errores',
    Processing: 'En proceso',
    Validated: 'Comprobada (simulación)',
  },
  fr: { Completed: 'Terminé', CompletedWithErrors: 'Terminé avec des erreurs', Processing: 'En cours', Validated: 'Vérifié (essai)' },
  it: {
    Completed: 'Completato',
    CompletedWithErrors: 'Completato con errori',
    Processing: 'In elaborazione',
    Validated: 'Verificato (prova)',
  },
  ja: { Completed: '完了', CompletedWithErrors: 'エラーありで完了', Processing: '処理中', Validated: '確認済み (テスト実行)' },
  ko: { Completed: '완료됨', CompletedWithErrors: '오류와 함께 완료됨', Processing: '처리 중', Validated: '확인됨(테스트 실행)' },
  'pt-BR': {
    Completed: 'Concluído',
    CompletedWithErrors: 'Concluído com erros',
    Processing: 'Processando',
    Validated: 'Verificado (simulação)',
  },
  ru: {
    Completed: 'Завершено',
    CompletedWithErrors: 'Завершено с ошибками',
    Processing: 'Обрабатывается',
    Validated: 'Проверено (пробный прогон)',
  },
  'zh-HANS': { Completed: '已完成', CompletedWithErrors: '已完成，有错误', Processing: '处理中', Validated: '已检查（试运行）' },
  'zh-HANT': { Completed: '已完成', CompletedWithErrors: '已完成，有錯誤', Processing: '處理中', Validated: '已檢查（試執行）' },
});

/** RowOutcome, as the console names each value. */
export const rowOutcomeLabels = defineEnumLabels<RowOutcome>({
  en: { Created: 'Created', Failed: 'Failed', Resent: 'Resent', Skipped: 'Skipped', Valid: 'Valid' },
  de: { Created: 'Erstellt', Failed: 'Fehlgeschlagen', Resent: 'Erneut gesendet', Skipped: 'Übersprungen', Valid: 'Gültig' },
  es: { Created: 'Creada', Failed: 'Con error', Resent: 'Reenviada', Skipped: 'Omitida', Valid: 'Válida' },
  fr: { Created: 'Créée', Failed: 'En échec', Resent: 'Renvoyée', Skipped: 'Ignorée', Valid: 'Valide' },
  it: { Created: 'Creata', Failed: 'Non riuscita', Resent: 'Reinviata', Skipped: 'Saltata', Valid: 'Valida' },
  ja: { Created: '作成済み', Failed: '失敗', Resent: '再送信済み', Skipped: 'スキップ', Valid: '有効' },
  ko: { Created: '생성됨', Failed: '실패', Resent: '재전송됨', Skipped: '건너뜀', Valid: '유효함' },
  'pt-BR': { Created: 'Criada', Failed: 'Com falha', Resent: 'Reenviada', Skipped: 'Ignorada', Valid: 'Válida' },
  ru: { Created: 'Создано', Failed: 'Ошибка', Resent: 'Отправлено снова', Skipped: 'Пропущено', Valid: 'Корректно' },
  'zh-HANS': { Created: '已创建', Failed: '失败', Resent: '已重新发送', Skipped: '已跳过', Valid: '有效' },
  'zh-HANT': { Created: '已建立', Failed: '失敗', Resent: '已重新傳送', Skipped: '已略過', Valid: '有效' },
});

/** ExternalUserState, as the console names each value. */
export const externalUserStateLabels = defineEnumLabels<ExternalUserState>({
  en: { Accepted: 'Accepted', PendingAcceptance: 'Pending acceptance' },
  de: { Accepted: 'Angenommen', PendingAcceptance: 'Annahme ausstehend' },
  es: { Accepted: 'Aceptado', PendingAcceptance: 'Pendiente de aceptación' },
  fr: { Accepted: 'Acceptée', PendingAcceptance: 'Acceptation en attente' },
  it: { Accepted: 'Accettato', PendingAcceptance: 'In attesa di accettazione' },
  ja: { Accepted: '承諾済み', PendingAcceptance: '承諾待ち' },
  ko: { Accepted: '수락됨', PendingAcceptance: '수락 대기 중' },
  'pt-BR': { Accepted: 'Aceito', PendingAcceptance: 'Aceitação pendente' },
  ru: { Accepted: 'Принято', PendingAcceptance: 'Ожидает принятия' },
  'zh-HANS': { Accepted: '已接受', PendingAcceptance: '等待接受' },
  'zh-HANT': { Accepted: '已接受', PendingAcceptance: '等待接受' },
});

/** UserType, as the console names each value. */
export const userTypeLabels = defineEnumLabels<UserType>({
  en: { Guest: 'Guest', Member: 'Member' },
  de: { Guest: 'Gast', Member: 'Mitglied' },
  es: { Guest: 'Invitado', Member: 'Miembro' },
  fr: { Guest: 'Invité', Member: 'Membre' },
  it: { Guest: 'Ospite', Member: 'Membro' },
  ja: { Guest: 'ゲスト', Member: 'メンバー' },
  ko: { Guest: '게스트', Member: '구성원' },
  'pt-BR': { Guest: 'Convidado', Member: 'Membro' },
  ru: { Guest: 'Гость', Member: 'Участник' },
  'zh-HANS': { Guest: '来宾', Member: '成员' },
  'zh-HANT': { Guest: '來賓', Member: '成員' },
});
