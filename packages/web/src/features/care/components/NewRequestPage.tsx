import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LANGUAGES } from '@switchboard/shared/runtime';
import { serverFieldErrors } from '../../../kit/api.ts';
import { ErrorNote, Field, PageTitle, SelectField, Status } from '../../../kit/ui.tsx';
import { useCareAccess } from '../access.ts';
import { careApi, type CareRequestT } from '../api.ts';

/** The kinds of request, in the order the form offers them. */
const KINDS = [
  'groceries',
  'baby_supplies',
  'medicine_pickup',
  'hygiene',
  'household',
  'hot_meals',
  'other',
] as const satisfies readonly CareRequestT['kind'][];
// Fails to compile when the shared schema gains a kind this form does not offer.
const everyKind: Exclude<CareRequestT['kind'], (typeof KINDS)[number]> extends never ? true : false = true;
void everyKind;

type Row = { name: string; quantity: string };
const emptyRow = (): Row => ({ name: '', quantity: '1' });

/**
 * A member files a delivery request on a family's behalf: kind, items, a contact (a phone for
 * texts is enough) and the address as typed, no map needed. Nothing typed is kept in the
 * browser: after filing the form is emptied, and there is no draft in storage.
 */
export function NewRequestPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('care');
  const { t: tc } = useTranslation('common');
  const access = useCareAccess(slug);
  const qc = useQueryClient();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('groceries');
  const [rows, setRows] = useState<Row[]>([emptyRow()]);
  const [contact, setContact] = useState('');
  const [address, setAddress] = useState('');
  const [language, setLanguage] = useState<string>('en');
  const [done, setDone] = useState<string | null>(null);
  const file = useMutation({
    mutationFn: () =>
      careApi.fileRequest(slug, {
        kind,
        items: rows
          .filter((r) => r.name.trim())
          .map((r) => ({ name: r.name.trim(), quantity: Math.max(1, Number.parseInt(r.quantity, 10) || 1) })),
        contact: contact.trim(),
        address: address.trim(),
        language: language as (typeof LANGUAGES)[number],
      }),
    onMutate: () => setDone(null),
    onSuccess: async () => {
      setRows([emptyRow()]);
      setContact('');
      setAddress('');
      setDone(t('file.done'));
      await qc.invalidateQueries({ queryKey: ['care', slug] });
    },
  });
  if (access && !access.member) return <p className="muted">{t('file.noAccess')}</p>;
  const fields = serverFieldErrors(file.error);
  const setRow = (i: number, change: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));

  return (
    <section className="narrow">
      <PageTitle>{t('file.title')}</PageTitle>
      {access?.tasks && (
        <p className="links">
          <Link to={`/n/${encodeURIComponent(slug)}/care/tasks`}>{t('nav.tasks')}</Link>
        </p>
      )}
      <p className="hint">{t('file.intro')}</p>
      <Status message={done} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          file.mutate();
        }}
      >
        <SelectField
          label={t('file.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}
          options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <fieldset>
          <legend>{t('items')}</legend>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div key={i} className="care-item-row">
              <Field
                label={t('file.item', { n: i + 1 })}
                required={i === 0}
                maxLength={120}
                value={row.name}
                onChange={(e) => setRow(i, { name: e.target.value })}
                error={fields.items}
              />
              <Field
                label={t('file.quantity', { n: i + 1 })}
                type="number"
                inputMode="numeric"
                min={1}
                max={1000}
                value={row.quantity}
                onChange={(e) => setRow(i, { quantity: e.target.value })}
              />
              {rows.length > 1 && (
                <button type="button" className="secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  {t('file.removeItem', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {rows.length < 50 && (
            <button type="button" className="secondary" onClick={() => setRows([...rows, emptyRow()])}>
              {t('file.addItem')}
            </button>
          )}
        </fieldset>
        <Field
          label={t('file.contact')}
          hint={t('file.contactHint')}
          required
          minLength={3}
          maxLength={200}
          autoComplete="off"
          value={contact}
          onChange={(e) => setContact(e.target.value)}
          error={fields.contact}
        />
        <Field
          label={t('file.address')}
          hint={t('file.addressHint')}
          required
          minLength={3}
          maxLength={500}
          autoComplete="off"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={fields.address}
        />
        <SelectField
          label={t('file.language')}
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          options={LANGUAGES.map((l) => ({ value: l, label: tc(`languages.${l}`) }))}
        />
        <ErrorNote error={file.error} />
        <button type="submit" className="primary" disabled={file.isPending}>
          {t('file.submit')}
        </button>
      </form>
    </section>
  );
}
