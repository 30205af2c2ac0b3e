import { Alert, List } from '@mantine/core';
import { isApiError } from '../../api/client.ts';

/**
 * Why an action (a save, a merge, a commit) failed, read out at once: the server's message, and
 * each field it named, when it named any. Nothing when there is no error.
 */
export function ActionError({ error }: { error: Error | null }) {
  if (!error) return null;
  const issues = isApiError(error) ? error.issues : [];
  if (issues.length === 0)
    return (
      <Alert color="red" variant="light" role="alert">
        {error.message}
      </Alert>
    );
  return (
    <Alert color="red" variant="light" role="alert" title={error.message}>
      <List size="sm">
        {issues.map((issue) => (
          <List.Item key={`${issue.path}-${issue.message}`}>
            {issue.path}: {issue.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
