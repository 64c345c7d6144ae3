import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { missingScreen } from '../ui/missing';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages } from './GroupDetail.messages';
import { type FoundUser, UserSearch } from './UserSearch';

const PAGE = 50;

const GroupQuery = graphql(`
  query ConsoleGroup($id: ID!, $first: Int, $after: String) {
    group(id: $id) {
      id
      displayName
      description
      createdAt
      members(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          displayName
          mail
          userType
        }
      }
    }
  }
`);

const AddMutation = graphql(`
  mutation ConsoleAddGroupMember($groupId: ID!, $userId: ID!) {
    addGroupMember(groupId: $groupId, userId: $userId) {
      id
    }
  }
`);

const RemoveMutation = graphql(`
  mutation ConsoleRemoveGroupMember($groupId: ID!, $userId: ID!) {
    removeGroupMember(groupId: $groupId, userId: $userId) {
      id
    }
  }
`);

type Member = FoundUser & { readonly userType: string };

/** One group and its members; with ManageGroups, adding (found by search) and removing members. */
export function GroupDetail({ viewer, place, id }: ScreenProps & { id: string }) {
  const t = useT(messages);
  const format = useFormat();
  const pages = usePages();
  const [{ data, error, fetching }, refetch] = useQuery({ query: GroupQuery, variables: { id, first: PAGE, after: pages.after } });
  const [added, add] = useMutation(AddMutation);
  const [removed, remove] = useMutation(RemoveMutation);
  const canManage = viewer.permissions.includes('ManageGroups');
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const back = (
    <p>
      <Link href={hrefOf(place.tenantId, 'groups')}>{t('back')}</Link>
    </p>
  );

  const group = data?.group;
  if (!group) return missingScreen({ error, answered: !!data, back, t });
  const onAdd = async (user: FoundUser) => {
    const outcome = await add({ groupId: group.id, userId: user.id });
    if (!outcome.error) refresh();
  };
  const onRemove = async (user: Member) => {
    if (!window.confirm(t('confirmRemove', { name: user.displayName, group: group.displayName }))) return;
    const outcome = await remove({ groupId: group.id, userId: user.id });
    if (!outcome.error) refresh();
  };

  return (
    <Screen title={group.displayName}>
      {back}
      <dl className="facts">
        <dt>{t('description')}</dt>
        <dd>{group.description ?? '—'}</dd>
        <dt>{t('createdAt')}</dt>
        <dd>{format.dateTime(group.createdAt)}</dd>
      </dl>
      <h2>{t('members')}</h2>
      <Listing<Member>
        list={group.members}
        error={added.error ?? removed.error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('members')}
        rowKey={(m) => m.id}
        empty={t('none')}
        columns={[
          { header: t('name'), cell: (m) => m.displayName },
          { header: t('email'), cell: (m) => m.mail },
          ...(canManage
            ? [
                {
                  header: t('actions'),
                  cell: (m: Member) => (
                    <button type="button" onClick={() => void onRemove(m)} aria-label={t('removeWho', { name: m.displayName })}>
                      {t('remove')}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <>
          <h2>{t('add')}</h2>
          <UserSearch
            legend={t('add')}
            button={t('addButton')}
            action={(name) => t('addWho', { name })}
            busy={added.fetching}
            onPick={(u) => void onAdd(u)}
          />
        </>
      )}
    </Screen>
  );
}
