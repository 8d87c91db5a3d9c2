import type { FormInstance } from 'antd';
import { ApiRequestError } from '../services/http';

/** The form's values, or null when a field is invalid (antd shows the message beside it; nothing to throw). */
export async function validFields<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

/** How an editor's form names the fields the server refers to. */
export interface ServerFieldMap<F extends string> {
  /** The form field of a field the server names in a 400 (null: not on this form). */
  formFieldOf(serverField: string): F | null;
  /** What to say beside a field the server refused. */
  fieldProblem(field: F): string;
  /** The form field a rule's error code is about (e.g. a time window), shown beside it. */
  fieldOfErrorCode: Record<string, F>;
}

/**
 * Shows a failed save: a 400 naming fields marks them red and scrolls to the first; an error code about one field
 * puts its message beside it; any other failure is a toast with the server's Chinese message.
 */
export function showServerError<F extends string>(
  form: FormInstance,
  toast: { error(text: string): unknown },
  fields: ServerFieldMap<F>,
  error: unknown,
  prefix: string,
): void {
  if (!(error instanceof ApiRequestError)) {
    toast.error(prefix);
    return;
  }
  const listed = [
    ...new Set((error.fields ?? []).map(fields.formFieldOf).filter((field): field is F => field !== null)),
  ];
  if (error.statusCode === 400 && listed.length > 0) {
    form.setFields(listed.map((name) => ({ name, errors: [fields.fieldProblem(name)] })));
    form.scrollToField(listed[0]);
    toast.error(`${prefix}：请修改标红的内容`);
    return;
  }
  const byCode = fields.fieldOfErrorCode[error.code];
  if (byCode) {
    form.setFields([{ name: byCode, errors: [error.message] }]);
    form.scrollToField(byCode);
  }
  toast.error(`${prefix}：${error.message}`);
}
