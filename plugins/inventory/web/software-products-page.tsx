// The software catalogue shared by every body: search, and (for whoever may write an inventory) a
// form to add a product. After adding, the new product is shown and the success notice takes the focus.
import {
  createFieldErrors,
  createListParams,
  createListQuery,
  createMutation,
  DataTable,
  describeTypedError,
  ErrorNotice,
  ErrorSummary,
  FilterForm,
  graphql,
  isTypedError,
  PageHeading,
  SuccessNotice,
  t,
  TextField,
  useShell,
} from '@gea/web-kit';
import type { CombinedError } from '@urql/core';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { s } from './software-messages.ts';
import { SoftwareTabs } from './software-tabs.tsx';

const ProductsQuery = graphql(`
  query InventorySoftwareProducts($first: Int!, $after: String, $search: String) {
    softwareProducts(first: $first, after: $after, search: $search) {
      edges {
        node {
          id
          name
          publisher
          category
          licences {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateProductMutation = graphql(`
  mutation InventoryCreateSoftwareProduct($input: SoftwareProductInput!) {
    createSoftwareProduct(input: $input) {
      __typename
      ... on SoftwareProduct {
        id
        name
        publisher
      }
      ... on InputError {
        message
        issues {
          path
          message
          code
          minimum
          maximum
        }
      }
      ... on Error {
        code
        message
      }
    }
  }
`);

const FIELDS = ['name', 'publisher', 'category'] as const;
type Field = (typeof FIELDS)[number];

export default function SoftwareProductsPage() {
  const shell = useShell();
  const list = createListParams<'q'>({ filters: ['q'] });
  const products = createListQuery({
    query: ProductsQuery,
    list,
    variables: () => ({ search: list.filters().q.trim() || null }),
    connection: (data) => data.softwareProducts,
  });
  const canWrite = () => shell().bodiesWithModule('inventory', 'inventory:write').length > 0;

  const [, create] = createMutation(CreateProductMutation);
  const [form, setForm] = createStore<Record<Field, string>>({ name: '', publisher: '', category: '' });
  const errors = createFieldErrors(FIELDS);
  const [saving, setSaving] = createSignal(false);
  const [created, setCreated] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<{ message?: string; error?: CombinedError }>();
  const labels = (): Record<Field, string> => ({ name: s('name'), publisher: s('publisher'), category: s('category') });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCreated(null);
    setFailure(undefined);
    errors.clear();
    setSaving(true);
    const outcome = await create({
      input: { name: form.name.trim(), publisher: form.publisher.trim(), category: form.category.trim() || null },
    });
    setSaving(false);
    const value = outcome.data?.createSoftwareProduct;
    if (outcome.error || !value) return void setFailure({ error: outcome.error });
    if (value.__typename === 'InputError') return errors.fromIssues(value.issues);
    if (value.__typename === 'SoftwareProduct') {
      setForm({ name: '', publisher: '', category: '' });
      setCreated(s('productCreated', { name: `${value.publisher} ${value.name}` }));
      products.refetch();
      document.getElementById('software-product-created')?.focus();
      return;
    }
    if (isTypedError(value)) setFailure({ message: describeTypedError(value) });
  }

  const bind = (name: Field) => ({
    id: `product-${name}`,
    label: labels()[name],
    value: form[name],
    onValue: (value: string) => setForm(name, value),
    error: errors.of(name),
  });

  return (
    <>
      <PageHeading title={s('catalogueTitle')}>
        <p class="lead">{s('catalogueIntro')}</p>
      </PageHeading>
      <SoftwareTabs />
      <FilterForm label={s('search')} list={list}>
        <TextField id="software-search" type="search" label={s('search')} hint={s('searchHint')} {...list.field('q')} />
      </FilterForm>
      <div id="software-product-created" tabindex="-1">
        <SuccessNotice message={created()} />
      </div>
      <DataTable
        label={s('catalogueTitle')}
        source={products}
        empty={s('noProducts')}
        pagerLabel={s('productsPaging')}
        columns={[
          { header: s('product'), rowHeader: true, width: 'l', phone: true, cell: (product) => product.name },
          { header: s('publisher'), width: 'l', phone: true, cell: (product) => product.publisher },
          { header: s('category'), width: 'm', cell: (product) => product.category ?? '—' },
          { header: s('licenceCount'), width: 's', numeric: true, cell: (product) => String(product.licences.length) },
        ]}
      />
      <Show when={canWrite()}>
        <section aria-labelledby="new-product-title">
          <h2 id="new-product-title">{s('newProduct')}</h2>
          <Show when={errors.any()}>
            <ErrorSummary title={s('errorsTitle')} errors={errors.all()} labels={labels()} idPrefix="product-" />
          </Show>
          <ErrorNotice message={failure()?.message} error={failure()?.error} />
          <form class="form form-grid" novalidate onSubmit={(event) => void submit(event)} aria-labelledby="new-product-title">
            <fieldset disabled={saving()}>
              <legend class="visually-hidden">{s('newProduct')}</legend>
              <TextField {...bind('name')} required />
              <TextField {...bind('publisher')} required />
              <TextField {...bind('category')} />
            </fieldset>
            <div class="form-actions">
              <button type="submit" class="button-primary" disabled={saving()}>
                {saving() ? t('common.saving') : s('addProduct')}
              </button>
            </div>
            <Show when={errors.of('')}>
              <ErrorNotice message={errors.of('')} />
            </Show>
          </form>
        </section>
      </Show>
    </>
  );
}
