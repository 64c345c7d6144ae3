import { type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { AssignmentPrincipalType } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { DataTable } from '../ui/DataTable';
import type { AppOfDetail } from './ApplicationDetail';
import { messages } from './AppAssignments.messages';
import { UserSearch } from './UserSearch';

const GroupsQuery = graphql(`
  query ConsoleAssignableGroups {
    groups(first: 200) {
      nodes {
        id
        displayName
      }
    }
  }
`);

const UserNameQuery = graphql(`
  query ConsolePrincipalUser($id: ID!) {
    user(id: $id) {
      id
      displayName
      mail
    }
  }
`);

const GroupNameQuery = graphql(`
  query ConsolePrincipalGroup($id: ID!) {
    group(id: $id) {
      id
      displayName
    }
  }
`);

const AssignMutation = graphql(`
  mutation ConsoleAssignApplication($applicationId: ID!, $principal: PrincipalInput!) {
    assignApplication(applicationId: $applicationId, principal: $principal) {
      id
    }
  }
`);

const UnassignMutation = graphql(`
  mutation ConsoleUnassignApplication($applicationId: ID!, $principal: PrincipalInput!) {
    unassignApplication(applicationId: $applicationId, principal: $principal) {
      id
    }
  }
`);

type Assignment = AppOfDetail['assignments'][number];

/** The name of an assigned user or group (the assignment itself carries only the id). */
function usePrincipalName(type: AssignmentPrincipalType, id: string): string {
  const [user] = useQuery({ query: UserNameQuery, variables: { id }, pause: type !== 'User' });
  const [group] = useQuery({ query: GroupNameQuery, variables: { id }, pause: type !== 'Group' });
  return user.data?.user.displayName ?? group.data?.group.displayName ?? id;
}

function PrincipalName({ assignment, tenantId }: { assignment: Assignment; tenantId: string }) {
  const name = usePrincipalName(assignment.principalType, assignment.principalId);
  return assignment.principalType === 'Group' ? <Link href={hrefOf(tenantId, 'groups', assignment.principalId)}>{name}</Link> : <>{name}</>;
}

function UnassignButton({ assignment, onUnassign }: { assignment: Assignment; onUnassign: (a: Assignment, name: string) => void }) {
  const t = useT(messages);
  const name = usePrincipalName(assignment.principalType, assignment.principalId);
  return (
    <button type="button" onClick={() => onUnassign(assignment, name)} aria-label={t('unassignWho', { name })}>
      {t('unassign')}
    </button>
  );
}

/** Who is assigned to the app (users and groups), and, with ManageAssignments, assigning and unassigning. */
export function AppAssignments(props: { app: AppOfDetail; tenantId: string; canManage: boolean; onChanged: () => void }) {
  const { app, tenantId, canManage, onChanged } = props;
  const t = useT(messages);
  const format = useFormat();
  const [groups] = useQuery({ query: GroupsQuery, pause: !canManage });
  const [assigned, assign] = useMutation(AssignMutation);
  const [unassigned, unassign] = useMutation(UnassignMutation);
  const kind = (type: AssignmentPrincipalType) => (type === 'Group' ? t('group') : t('user'));

  async function assignPrincipal(type: AssignmentPrincipalType, id: string) {
    const outcome = await assign({ applicationId: app.id, principal: { type, id } });
    if (!outcome.error) onChanged();
  }
  async function onUnassign(a: Assignment, name: string) {
    if (!window.confirm(t('confirmUnassign', { name, app: app.displayName }))) return;
    const outcome = await unassign({ applicationId: app.id, principal: { type: a.principalType, id: a.principalId } });
    if (!outcome.error) onChanged();
  }
  const submitGroup = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = String(new FormData(event.currentTarget).get('groupId') ?? '');
    if (id) void assignPrincipal('Group', id);
  };

  return (
    <section aria-labelledby="app-assignments">
      <h2 id="app-assignments">{t('title')}</h2>
      <p className="muted">{app.assignmentRequired ? t('requiredNote') : t('openNote')}</p>
      <ErrorNote error={assigned.error ?? unassigned.error ?? groups.error} />
      <DataTable<Assignment>
        caption={t('title')}
        rows={app.assignments}
        rowKey={(a) => a.id}
        empty={t('none')}
        columns={[
          { header: t('name'), cell: (a) => <PrincipalName assignment={a} tenantId={tenantId} /> },
          { header: t('type'), cell: (a) => kind(a.principalType) },
          { header: t('assignedAt'), cell: (a) => format.dateTime(a.createdAt) },
          ...(canManage
            ? [
                {
                  header: t('actions'),
                  cell: (a: Assignment) => <UnassignButton assignment={a} onUnassign={(x, name) => void onUnassign(x, name)} />,
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <>
          <h3>{t('assignGroup')}</h3>
          <form className="filters" onSubmit={submitGroup} aria-label={t('assignGroup')}>
            <label htmlFor="assign-group">{t('group')}</label>
            <select id="assign-group" name="groupId" required defaultValue="">
              <option value="" disabled>
                {t('chooseGroup')}
              </option>
              {groups.data?.groups.nodes.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.displayName}
                </option>
              ))}
            </select>
            <button type="submit" disabled={assigned.fetching}>
              {t('assign')}
            </button>
          </form>
          <h3>{t('assignUser')}</h3>
          <UserSearch
            legend={t('assignUser')}
            button={t('assign')}
            action={(name) => t('assignWho', { name })}
            busy={assigned.fetching}
            onPick={(u) => void assignPrincipal('User', u.id)}
          />
        </>
      )}
    </section>
  );
}
