import { useId, useMemo, useState } from 'react';
import { defineMessages, useT } from '../i18n';

/** Bytes of the request body sent so far; `total` is 0 while the browser does not know it. */
export interface Progress {
  readonly loaded: number;
  readonly total: number;
}

const NULL_BODY = [101, 204, 205, 304];

/**
 * A `fetch` over XMLHttpRequest, the one browser API that reports how much of a request body has
 * gone out (fetch does not). Give it to urql per operation: `execute(variables, { fetch })`.
 */
export function progressFetch(onProgress: (progress: Progress) => void): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(init.method ?? 'GET', input instanceof Request ? input.url : String(input));
      new Headers(init.headers).forEach((value, key) => xhr.setRequestHeader(key, value));
      xhr.withCredentials = init.credentials === 'include';
      onProgress({ loaded: 0, total: 0 });
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/\r?\n/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const body = NULL_BODY.includes(xhr.status) ? null : xhr.responseText;
        resolve(new Response(body, { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('Network request failed'));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
      init.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}

/** The progress of this component's uploads and the `fetch` that reports it. */
export function useUploadProgress() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const fetch = useMemo(() => progressFetch(setProgress), []);
  return { fetch, progress };
}

const messages = defineMessages({
  en: { uploading: 'Uploading {file}', percent: '{percent} %' },
  de: { uploading: '{file} wird hochgeladen', percent: '{percent} %' },
  es: { uploading: 'Subiendo {file}', percent: '{percent} %' },
  fr: { uploading: 'Envoi de {file}', percent: '{percent} %' },
  it: { uploading: 'Caricamento di {file}', percent: '{percent} %' },
  ja: { uploading: '{file} をアップロード中', percent: '{percent}%' },
  ko: { uploading: '{file} 업로드 중', percent: '{percent}%' },
  'pt-BR': { uploading: 'Enviando {file}', percent: '{percent} %' },
  ru: { uploading: 'Загрузка {file}', percent: '{percent} %' },
  'zh-HANS': { uploading: '正在上传 {file}', percent: '{percent}%' },
  'zh-HANT': { uploading: '正在上傳 {file}', percent: '{percent}%' },
});

/**
 * A labelled progress bar for an upload under way: determinate once the browser knows the size,
 * indeterminate before (and after the last byte, while the server works, it stays full).
 */
export function UploadProgress({ file, progress }: { file: string; progress: Progress | null }) {
  const t = useT(messages);
  const id = useId();
  const known = progress !== null && progress.total > 0;
  const percent = known ? Math.round((progress.loaded / progress.total) * 100) : null;
  return (
    <p className="upload-progress">
      <label htmlFor={id}>{t('uploading', { file })}</label>{' '}
      <progress
        id={id}
        max={known ? progress.total : undefined}
        value={known ? progress.loaded : undefined}
        aria-valuetext={percent === null ? undefined : t('percent', { percent })}
      />{' '}
      {percent !== null && <span aria-hidden="true">{t('percent', { percent })}</span>}
    </p>
  );
}
