import { useTranslation } from 'react-i18next';
import { FileDropZone } from '../../components/FileDropZone';

const accept = '.vcf,.vcard,.csv,.txt,.tsv,.xlsx,.zip,text/vcard,text/csv,text/plain';

/** The drop area of the import page (files can also be dropped anywhere on the window) and a file picker. */
export function FilePicker({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useTranslation();
  return (
    <FileDropZone
      title={t('import.drop')}
      hint={t('import.dropHint')}
      buttonLabel={t('import.choose')}
      accept={accept}
      multiple
      testId="import-dropzone"
      inputTestId="import-file-input"
      onFiles={onFiles}
    />
  );
}
