import { useMutation, useQuery } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { ConsoleApplicationQuery } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link, navigate } from '../router';
import { missingScreen } from '../ui/missing';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { AppApiAccess } from './AppApiAccess';
import { AppAssignments } from './AppAssignments';
import { AppExposedApi } from './AppExposedApi';
import { messages } from './ApplicationDetail.messages';
import { AppSecrets } from './AppSecrets';
import { AppSettings } from './AppSettings';

const ApplicationQuery = graphql(`
  query ConsoleApplication($id: ID!) {
    application(id: $id) {
      id
      appId
      displayName
      assignmentRequired
      replyUrls
      createdAt
      apiAccess {
        scopes
        updatedAt
      }
      exposedApi {
        identifierUri
        updatedAt
        scopes {
          value
          adminConsentDescription
          enabled
        }
        appRoles {
          value
          displayName
          allowedMemberTypes
          enabled
        }
      }
      secrets {
        id
        displayName
        hint
        createdAt
        expiresAt
      }
      assignments {
        id
        principalId
        principalType
        createdAt
      }
    }
  }
`);

const DeleteMutation = graphql(`
  mutation ConsoleDeleteApplication($id: ID!) {
    deleteApplication(id: $id)
  }
`);

export type AppOfDetail = ConsoleApplicationQuery['application'];

/**
 * One application: its settings, who is assigned, its secrets (metadata only: the values are never
 * readable again) and its API access. An id the API does not find in this tenant, including another
 * tenant's, is "not found".
 */
export function ApplicationDetail({ viewer, place, id }: ScreenProps & { id: string }) {
  const t = useT(messages);
  const format = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: ApplicationQuery, variables: { id } });
  const [deleted, remove] = useMutation(DeleteMutation);
  const may = (permission: (typeof viewer.permissions)[number]) => viewer.permissions.includes(permission);
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const back = (
    <p>
      <Link href={hrefOf(place.tenantId, 'apps')}>{t('back')}</Link>
    </p>
  );

  const app = data?.application;
  if (!app) return missingScreen({ error, answered: !!data, back, t });
  const onDelete = async () => {
    if (!window.confirm(t('confirmDelete', { name: app.displayName }))) return;
    // The answer is a bare id: name the type, so cached lists holding the app are fetched anew.
    const outcome = await remove({ id: app.id }, { additionalTypenames: ['Application'] });
    if (!outcome.error) navigate(hrefOf(place.tenantId, 'apps'));
  };

  return (
    <Screen title={app.displayName}>
      {back}
      <dl className="facts">
        <dt>{t('clientId')}</dt>
        <dd>
          <code>{app.appId}</code>
        </dd>
        <dt>{t('createdAt')}</dt>
        <dd>{format.dateTime(app.createdAt)}</dd>
      </dl>
      <AppSettings app={app} canManage={may('ManageApplications')} onChanged={refresh} />
      <AppAssignments app={app} tenantId={place.tenantId} canManage={may('ManageAssignments')} onChanged={refresh} />
      <AppSecrets app={app} canManage={may('ManageApplications')} onChanged={refresh} />
      <AppExposedApi app={app} canManage={may('ManageApplications')} onChanged={refresh} />
      <AppApiAccess app={app} canManage={may('ConsentToApiPermissions')} onChanged={refresh} />
      {may('ManageApplications') && (
        <section aria-labelledby="app-delete">
          <h2 id="app-delete">{t('deleteTitle')}</h2>
          <p>{t('deleteText')}</p>
          <ErrorNote error={deleted.error} />
          <button type="button" className="danger" onClick={() => void onDelete()} aria-label={t('deleteWho', { name: app.displayName })}>
            {t('delete')}
          </button>
        </section>
      )}
    </Screen>
  );
}
