import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../kit/api.ts';
import { ErrorNote, SelectField, Status } from '../../../kit/ui.tsx';
import type { ShiftsAccess } from '../access.ts';
import { shiftsApi, type ImportResultT } from '../api.ts';
import { useManagedOrgs } from './SiteForm.tsx';

/** CSV import of sites: preview first (per-row errors), then import all rows or none. */
export function SiteImport({ access }: { access: ShiftsAccess }) {
  const { t } = useTranslation('shifts');
  const qc = useQueryClient();
  const id = useId();
  const orgs = useManagedOrgs(access);
  const [org, setOrg] = useState('');
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResultT | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const organizationId = org || orgs[0]?.id || '';
  const run = useMutation({
    mutationFn: (commit: boolean) => shiftsApi.importSites(access.slug, { organizationId, csv, commit }),
    onMutate: () => setDone(null),
    onSuccess: async (r, commit) => {
      setResult(r);
      if (commit) {
        setDone(t('import.imported', { count: r.imported }));
        await qc.invalidateQueries({ queryKey: ['shifts', access.slug, 'sites'] });
      }
    },
    onError: (e) => {
      const errors = e instanceof ApiError ? (e.details as { errors?: ImportResultT['errors'] } | undefined)?.errors : undefined;
      if (errors) setResult({ rows: 0, valid: 0, errors, preview: [], imported: 0 });
    },
  });
  const readFile = async (file: File | undefined) => {
    if (file) setCsv(await file.text());
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('import.title')}</h2>
      <p className="hint">{t('import.hint')}</p>
      <SelectField
        label={t('site.organization')}
        value={organizationId}
        onChange={(e) => setOrg(e.target.value)}
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
      />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('import.file')}</label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={(e) => void readFile(e.target.files?.[0])} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('import.paste')}</label>
        <textarea id={`${id}-text`} rows={5} dir="ltr" value={csv} onChange={(e) => setCsv(e.target.value)} />
      </div>
      <div className="row">
        <button
          type="button"
          className="secondary"
          disabled={!csv || !organizationId || run.isPending}
          onClick={() => run.mutate(false)}
        >
          {t('import.preview')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!csv || !organizationId || run.isPending || !result || result.errors.length > 0 || result.valid === 0}
          onClick={() => run.mutate(true)}
        >
          {t('import.commit')}
        </button>
      </div>
      <Status message={done} />
      {run.error && !(run.error instanceof ApiError && run.error.code === 'csv_rejected') ? (
        <ErrorNote error={run.error} />
      ) : null}
      {result && (
        <div aria-live="polite">
          <p>{t('import.summary', { rows: result.rows, valid: result.valid, errors: result.errors.length })}</p>
          {result.errors.length > 0 && (
            <>
              <p role="alert" className="status err">
                {t('import.rejected')}
              </p>
              <ul>
                {result.errors.map((e, i) => (
                  <li key={i}>{t('import.rowError', { row: e.row, field: e.field, message: e.message })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
