import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote, PageTitle, Status } from '../../../kit/ui.tsx';
import { trainingApi } from '../api.ts';
import { TableWrap } from './bits.tsx';

/**
 * Import past attendance from a spreadsheet: choose the CSV file, check it (a preview
 * with every problem by row and column), then import. Nothing is saved unless every
 * row is right.
 */
export function ImportPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('training');
  const qc = useQueryClient();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: () => trainingApi.previewImport(slug, csv), onMutate: () => setDone(null) });
  const confirm = useMutation({
    mutationFn: () => trainingApi.confirmImport(slug, csv),
    onSuccess: async (r) => {
      setDone(t('import.done', { imported: r.imported, already: r.alreadyRecorded }));
      preview.reset();
      await qc.invalidateQueries({ queryKey: ['training', slug] });
    },
  });
  const p = preview.data;

  return (
    <section className="narrow">
      <PageTitle>{t('import.title')}</PageTitle>
      <p className="links">
        <Link to={`/n/${encodeURIComponent(slug)}/training`}>{t('nav.home')}</Link>
      </p>
      <p>{t('import.explain')}</p>
      <p className="hint">{t('import.columns')}</p>
      <p className="hint">{t('import.unknownPeople')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (csv) preview.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setFileName(file?.name ?? '');
              setCsv(file ? await file.text() : '');
              preview.reset();
              confirm.reset();
            }}
          />
        </div>
        <button type="submit" className="primary" disabled={!csv || preview.isPending}>
          {t('import.check')}
        </button>
      </form>
      <Status
        message={
          done ??
          (p
            ? p.acceptable
              ? t('import.acceptable', { count: p.toImport.length, file: fileName })
              : t('import.rejected', { count: p.problems.length })
            : null)
        }
      />
      <ErrorNote error={preview.error ?? confirm.error} />
      {p && p.problems.length > 0 && (
        <TableWrap labelledBy="problems">
          <table aria-labelledby="problems">
            <caption id="problems">{t('import.problemsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('import.row')}
                </th>
                <th scope="col">{t('import.column')}</th>
                <th scope="col">{t('import.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {p.problems.map((x, i) => (
                <tr key={i}>
                  <td className="num">{x.row}</td>
                  <td>{x.column}</td>
                  <td>{t(`import.problems.${x.problem}`, { value: x.value ?? '' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {p && p.acceptable && (
        <>
          {p.alreadyRecorded > 0 && <p>{t('import.alreadyRecorded', { count: p.alreadyRecorded })}</p>}
          {p.toImport.length > 0 && (
            <TableWrap labelledBy="to-import">
              <table aria-labelledby="to-import">
                <caption id="to-import">{t('import.previewCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('import.row')}
                    </th>
                    <th scope="col">{t('import.person')}</th>
                    <th scope="col">{t('import.course')}</th>
                    <th scope="col">{t('import.date')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.toImport.map((x) => (
                    <tr key={x.row}>
                      <td className="num">{x.row}</td>
                      <td>{x.displayName}</td>
                      <td>{x.courseName}</td>
                      <td>{x.date}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <button
            type="button"
            className="primary"
            onClick={() => confirm.mutate()}
            disabled={confirm.isPending || p.toImport.length === 0}
          >
            {t('import.confirm', { count: p.toImport.length })}
          </button>
        </>
      )}
    </section>
  );
}
