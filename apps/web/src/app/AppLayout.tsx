import { Anchor, AppShell, Badge, Button, Container, Flex, Group, Progress, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigation } from 'react-router-dom';
import { useSignOutMutation } from '../features/auth/useSignOutMutation.ts';
import { hasStoredLang, setLang } from '../i18n/index.ts';
import { canBrowseClasses, useCurrentUser } from './CurrentUser.tsx';
import { LanguageToggle } from './LanguageToggle.tsx';

/**
 * The signed-in frame: brand, navigation, who is signed in (name, role, school), language and
 * sign-out. Two header rows on a portrait tablet or phone, one row from 992 px. Hidden in print.
 */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigation = useNavigation();
  const signOut = useSignOutMutation();

  // The account's locale applies until the user picks a language on this device.
  useEffect(() => {
    if (!hasStoredLang() && i18n.language !== me.locale) void setLang(me.locale, { remember: false });
  }, [me.locale, i18n]);

  const onSignOut = () => signOut.mutate();

  return (
    <AppShell header={{ height: { base: 116, md: 64 } }} padding="md">
      <AppShell.Header className="ek-no-print">
        <a href="#main" className="ek-skip-link">
          {t('app.skipToContent')}
        </a>
        {navigation.state === 'loading' ? (
          <Progress value={100} animated size="xs" radius={0} pos="absolute" top={0} left={0} right={0} />
        ) : null}
        <Flex
          h="100%"
          px="md"
          py={{ base: 'xs', md: 0 }}
          direction={{ base: 'column', md: 'row' }}
          align={{ base: 'stretch', md: 'center' }}
          justify={{ base: 'center', md: 'space-between' }}
          gap={{ base: 6, md: 'md' }}
        >
          <Group gap="lg" wrap="nowrap" component="nav" aria-label={t('nav.main')}>
            <Anchor
              component={Link}
              to="/"
              fw={800}
              fz="xl"
              c="teal.8"
              underline="never"
              className="ek-touch"
            >
              {t('app.name')}
            </Anchor>
            {canBrowseClasses(me.role) ? (
              <Anchor component={Link} to="/classes" className="ek-touch">
                {t('nav.classes')}
              </Anchor>
            ) : null}
            {me.role === 'admin' || me.role === 'principal' ? (
              <Anchor component={Link} to="/admin/koumu-imports" className="ek-touch">
                {t('nav.koumuImports')}
              </Anchor>
            ) : null}
            {me.role === 'admin' ? (
              <Anchor component={Link} to="/admin/roster-import" className="ek-touch">
                {t('nav.rosterImport')}
              </Anchor>
            ) : null}
            {me.role === 'admin' ? (
              <Anchor component={Link} to="/admin/clients" className="ek-touch">
                {t('nav.clients')}
              </Anchor>
            ) : null}
            {me.role === 'admin' || me.role === 'principal' || me.role === 'nurse' ? (
              <Anchor component={Link} to="/admin/attendance-feed" className="ek-touch">
                {t('nav.attendanceFeed')}
              </Anchor>
            ) : null}
            {me.role === 'admin' || me.role === 'principal' ? (
              <Anchor component={Link} to="/admin/identity" className="ek-touch">
                {t('nav.identity')}
              </Anchor>
            ) : null}
            {me.role === 'admin' ? (
              <Anchor component={Link} to="/admin/rollover" className="ek-touch">
                {t('nav.rollover')}
              </Anchor>
            ) : null}
            {me.role === 'admin' ? (
              <Anchor component={Link} to="/admin/transfers" className="ek-touch">
                {t('nav.transfers')}
              </Anchor>
            ) : null}
          </Group>
          <Group gap="sm" justify="space-between" wrap="nowrap">
            <Group gap={8} wrap="nowrap" aria-label={t('nav.account')} role="group" miw={0}>
              <Text fw={600} truncate data-testid="current-user-name">
                {me.displayName}
              </Text>
              <Badge variant="light" color="teal" style={{ flexShrink: 0 }} data-testid="current-user-role">
                {t(`role.${me.role}`)}
              </Badge>
              <Text c="dimmed" size="sm" truncate data-testid="current-user-school">
                {me.school?.name ?? me.municipality.name}
              </Text>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LanguageToggle />
              <Button variant="default" onClick={onSignOut} loading={signOut.isPending}>
                {t('nav.signOut')}
              </Button>
            </Group>
          </Group>
        </Flex>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
