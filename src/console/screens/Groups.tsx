import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Field } from '../ui/Field';
import { Listing } from '../ui/Listing';
import { usePages } from '../ui/pages';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { GroupDetail } from './GroupDetail';
import { messages } from './Groups.messages';

const PAGE = 25;

const GroupsQuery = graphql(`
  query ConsoleGroups($first: Int, $after: String) {
    groups(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        displayName
        description
        createdAt
      }
    }
  }
`);

const CreateMutation = graphql(`
  mutation ConsoleCreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) {
      id
      displayName
    }
  }
`);

type Row = NonNullable<ReturnType<typeof useGroups>[0]['data']>['groups']['nodes'][number];

const useGroups = (after: string | null) => useQuery({ query: GroupsQuery, variables: { first: PAGE, after } });

/** `groups` lists the tenant's groups; `groups/<id>` is one group with its members. */
export function Groups(props: ScreenProps) {
  const id = props.place.params[0];
  return id ? <GroupDetail key={id} {...props} id={id} /> : <GroupList {...props} />;
}

function GroupList({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const format = useFormat();
  const pages = usePages();
  const [{ data, error, fetching }, refetch] = useGroups(pages.after);
  return (
    <Screen title={t('title')}>
      {viewer.permissions.includes('ManageGroups') && (
        <CreateGroup tenantId={place.tenantId} onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      <Listing<Row>
        list={data?.groups}
        error={error}
        count={(count) => t('count', { count })}
        pages={pages}
        busy={fetching}
        caption={t('title')}
        rowKey={(g) => g.id}
        empty={t('none')}
        columns={[
          { header: t('name'), cell: (g) => <Link href={hrefOf(place.tenantId, 'groups', g.id)}>{g.displayName}</Link> },
          { header: t('description'), cell: (g) => g.description ?? '' },
          { header: t('createdAt'), cell: (g) => format.dateTime(g.createdAt) },
        ]}
      />
    </Screen>
  );
}

function CreateGroup({ tenantId, onCreated }: { tenantId: string; onCreated: () => void }) {
  const t = useT(messages);
  const problemText = useProblemText();
  const [result, create] = useMutation(CreateMutation);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const problem = problemOf(result.error);
  const errorOf = (name: string) => (problem && problem.field === name ? problemText(problem) : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setCreated(null);
    const description = String(data.get('description') ?? '').trim();
    const outcome = await create({
      input: { displayName: String(data.get('displayName') ?? '').trim(), ...(description ? { description } : {}) },
    });
    if (!outcome.data) return;
    setCreated({ id: outcome.data.createGroup.id, name: outcome.data.createGroup.displayName });
    form.reset();
    onCreated();
  }

  return (
    <>
      <h2>{t('create')}</h2>
      {created && (
        <p role="status">
          {t('created', { name: created.name })}{' '}
          <Link href={hrefOf(tenantId, 'groups', created.id)}>{t('open', { name: created.name })}</Link>
        </p>
      )}
      {problem && !problem.field && <p role="alert">{problemText(problem)}</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field id="displayName" label={t('name')} error={errorOf('displayName')}>
          {(control) => <input {...control} name="displayName" required maxLength={256} />}
        </Field>
        <Field id="description" label={t('description')} error={errorOf('description')}>
          {(control) => <input {...control} name="description" />}
        </Field>
        <p>
          <button type="submit" disabled={result.fetching}>
            {t('create')}
          </button>
        </p>
      </form>
    </>
  );
}
