// Investment projects of an association and the member bodies that join them (art. 13.4): the
// list, and for those who may record them one form to add or change a project (with the version
// it was read at).
import {
  createFieldErrors,
  createMutation,
  createQuery,
  DataTable,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  graphql,
  isStaleVersion,
  isTypedError,
  PageHeading,
  type ResultOf,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { AssociationYearPicker, createAssociationYear } from './association-year.tsx';
import { BodyChecklist } from './body-checklist.tsx';
import type { Failure } from './failure.ts';
import { m } from './messages.ts';
import './procurement.css';

const ProjectsQuery = graphql(`
  query ProcurementProjects($id: ID!) {
    node(id: $id) {
      __typename
      ... on Association {
        id
        projects {
          id
          version
          name
          cup
          description
          participantCount
          participants {
            id
            name
          }
        }
      }
    }
  }
`);
const CreateProject = graphql(`
  mutation ProcurementCreateProject($associationId: ID!, $input: ProjectInput!) {
    createProject(associationId: $associationId, input: $input) {
      __typename
      ... on Project { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on Error { code message }
    }
  }
`);
const UpdateProject = graphql(`
  mutation ProcurementUpdateProject($id: ID!, $expectedVersion: Int!, $input: ProjectInput!) {
    updateProject(id: $id, expectedVersion: $expectedVersion, input: $input) {
      __typename
      ... on Project { id name }
      ... on InputError { message issues { path message code minimum maximum } }
      ... on StaleVersionError { currentVersion }
      ... on Error { code message }
    }
  }
`);

type Project = Extract<NonNullable<ResultOf<typeof ProjectsQuery>['node']>, { __typename: 'Association' }>['projects'][number];
const FIELDS = ['name', 'cup', 'description', 'participantIds'] as const;
type Field = (typeof FIELDS)[number];
type Form = { name: string; cup: string; description: string; participantIds: string[] };
const emptyForm = (): Form => ({ name: '', cup: '', description: '', participantIds: [] });
const labels = (): Record<Field, string> => ({ name: m('name'), cup: m('cup'), description: m('description'), participantIds: m('participants') });

export default function ProjectsPage() {
  const shell = useShell();
  const state = createAssociationYear();
  return (
    <>
      <PageHeading title={m('projectsTitle')}>
        <p class="lead">{m('projectsIntro')}</p>
      </PageHeading>
      <AssociationYearPicker state={state} withYear={false} idPrefix="projects">
        {(associationId) => <Projects associationId={associationId} members={state.members()} canWrite={shell().access.can('procurement:write')} />}
      </AssociationYearPicker>
    </>
  );
}

function Projects(props: { associationId: string; members: readonly { id: string; name: string }[]; canWrite: boolean }) {
  const [result, reload] = createQuery({ query: ProjectsQuery, variables: () => ({ id: props.associationId }) });
  const projects = () => (result.data?.node?.__typename === 'Association' ? result.data.node.projects : undefined);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const [, create] = createMutation(CreateProject);
  const [, update] = createMutation(UpdateProject);
  const [form, setForm] = createStore<Form>(emptyForm());
  const [editing, setEditing] = createSignal<Project | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<Failure>();
  const errors = createFieldErrors(FIELDS);
  let nameInput: HTMLInputElement | undefined;

  const reset = () => {
    setEditing(null);
    setForm(emptyForm());
    errors.clear();
  };
  const startEdit = (project: Project) => {
    reset();
    setSaved(null);
    setFailure(undefined);
    setEditing(project);
    setForm({ name: project.name, cup: project.cup ?? '', description: project.description ?? '', participantIds: project.participants.map((body) => body.id) });
    nameInput?.focus();
  };

  async function save(event: SubmitEvent) {
    event.preventDefault();
    setSaved(null);
    setFailure(undefined);
    errors.clear();
    const input = { name: form.name.trim(), cup: form.cup.trim() || null, description: form.description.trim() || null, participantIds: form.participantIds };
    setSaving(true);
    const current = editing();
    const outcome = current ? await update({ id: current.id, expectedVersion: current.version, input }) : await create({ associationId: props.associationId, input });
    setSaving(false);
    const value = outcome.data ? ('updateProject' in outcome.data ? outcome.data.updateProject : outcome.data.createProject) : undefined;
    if (outcome.error || !value) return setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (isStaleVersion(value)) {
      setFailure({ message: describeTypedError(value) });
      refresh();
      return;
    }
    if (value.__typename === 'Project') {
      reset();
      refresh();
      setSaved(m('projectSaved', { name: value.name }));
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  return (
    <>
      <SuccessNotice focus message={saved()} />
      <Show when={!props.canWrite}>
        <p class="notice notice-info">{m('viewOnly')}</p>
      </Show>
      <DataTable
        label={m('projectsTitle')}
        caption={m('projectsCaption')}
        rows={projects()}
        error={result.error}
        empty={m('noProjects')}
        columns={[
          { header: m('name'), rowHeader: true, width: 'l', phone: true, cell: (project) => project.name },
          { header: m('cup'), width: 'm', nowrap: true, cell: (project) => project.cup ?? '—' },
          { header: m('participants'), width: 'l', phone: true, cell: (project) => project.participants.map((body) => body.name).join(', ') },
          {
            header: m('actions'),
            width: 's',
            hidden: !props.canWrite,
            cell: (project) => (
              <button type="button" class="button-secondary" aria-label={m('editNamed', { name: project.name })} onClick={() => startEdit(project)}>
                {m('edit')}
              </button>
            ),
          },
        ]}
      />
      <Show when={props.canWrite}>
        <section aria-labelledby="project-form-title">
          <h2 id="project-form-title">{editing() ? m('editProject', { name: editing()!.name }) : m('newProject')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={m('formErrorsTitle')} errors={errors.all()} labels={labels()} idPrefix="project-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <form class="form form-grid" onSubmit={(event) => void save(event)} aria-labelledby="project-form-title">
            <fieldset disabled={saving()}>
              <legend>{editing() ? m('editProject', { name: editing()!.name }) : m('newProject')}</legend>
              <TextField id="project-name" label={labels().name} required value={form.name} onValue={(v) => setForm('name', v)} error={errors.of('name')} ref={nameInput} />
              <TextField id="project-cup" label={labels().cup} hint={m('cupHint')} maxlength={15} autocomplete="off" value={form.cup} onValue={(v) => setForm('cup', v)} error={errors.of('cup')} />
              <TextField id="project-description" label={labels().description} value={form.description} onValue={(v) => setForm('description', v)} error={errors.of('description')} />
              <BodyChecklist
                id="project-participantIds"
                legend={labels().participantIds}
                hint={m('participantsHint')}
                error={errors.of('participantIds')}
                bodies={props.members}
                selected={form.participantIds}
                onChange={(ids) => setForm('participantIds', ids)}
              />
            </fieldset>
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={saving()}>
                {saving() ? t('common.saving') : t('common.save')}
              </button>
              <Show when={editing()}>
                <button type="button" class="button-secondary" onClick={reset}>
                  {t('common.cancel')}
                </button>
              </Show>
            </div>
          </form>
        </section>
      </Show>
    </>
  );
}
