import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useSignInMutation } from './useSignInMutation.ts';

type FieldErrors = { loginId?: string; password?: string };

/** Sign-in with a local account. Success updates the cached `me`; the route then redirects. */
export function SignInForm() {
  const { t } = useTranslation();
  const signIn = useSignInMutation();
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (loginId.trim() === '') errors.loginId = t('auth.loginIdRequired');
    if (password === '') errors.password = t('auth.passwordRequired');
    setFieldErrors(errors);
    if (errors.loginId || errors.password) return;
    signIn.mutate({ loginId: loginId.trim(), password });
  };

  let failure: string | null = null;
  if (signIn.isError) {
    const { error } = signIn;
    const status = isApiError(error) ? error.status : -1;
    if (status === 401) failure = t('auth.invalidCredentials');
    else if (status === 429) failure = t('auth.rateLimited');
    else if (status === 400) failure = t('auth.invalidRequest');
    else if (status === 0) failure = t('errors.network');
    else failure = t('auth.failed');
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={signIn.isPending}>
      <Stack gap="md">
        {failure ? (
          <Alert
            color={signIn.error && isApiError(signIn.error) && signIn.error.status === 429 ? 'orange' : 'red'}
          >
            {failure}
          </Alert>
        ) : null}
        <TextInput
          label={t('auth.loginId')}
          name="loginId"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          size="md"
          value={loginId}
          onChange={(e) => setLoginId(e.currentTarget.value)}
          error={fieldErrors.loginId}
          aria-required
        />
        <PasswordInput
          label={t('auth.password')}
          name="password"
          autoComplete="current-password"
          size="md"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fieldErrors.password}
          aria-required
        />
        <Button type="submit" fullWidth loading={signIn.isPending} mt="xs">
          {t('auth.submit')}
        </Button>
      </Stack>
    </form>
  );
}
