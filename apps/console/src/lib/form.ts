import type { FormInstance } from 'antd';

/** The form's values, or null when a field is invalid (antd shows the message beside it; nothing to throw). */
export async function validFields<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
