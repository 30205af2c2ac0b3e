import { Anchor, AppShell, Badge, Button, Container, Flex, Group, Progress, Text } from '@mantine/core';
import type { Role } from '@edukarte/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigation } from 'react-router-dom';
import { useSignOutMutation } from '../features/auth/useSignOutMutation.ts';
import { hasStoredLang, setLang } from '../i18n/index.ts';
import { canBrowseClasses, useCurrentUser } from './CurrentUser.tsx';
import { LanguageToggle } from './LanguageToggle.tsx';

/**
 * The signed-in frame: brand, navigation, who is signed in (name, role, school), language and
 * sign-out. Two header rows on a portrait tablet or phone, one row from 992 px (from 1,408 px for
 * an administrator's longer navigation). Hidden in print.
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
  const links = navLinks(me.role);
  // one header row from 992 px; an administrator's many links need 1,408 px for it
  const row = links.length > 4 ? 'xl' : 'md';

  return (
    <AppShell header={{ height: { base: 116, [row]: 64 } }} padding="md">
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
          py={{ base: 'xs', [row]: 0 }}
          direction={{ base: 'column', [row]: 'row' }}
          align={{ base: 'stretch', [row]: 'center' }}
          justify={{ base: 'center', [row]: 'space-between' }}
          gap={{ base: 6, [row]: 'md' }}
        >
          <Group
            gap="lg"
            wrap="nowrap"
            component="nav"
            aria-label={t('nav.main')}
            style={{ overflowX: 'auto' }}
          >
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
            {links.map((link) => (
              <Anchor
                key={link.to}
                component={Link}
                to={link.to}
                className="ek-touch"
                style={{ whiteSpace: 'nowrap' }}
              >
                {t(`nav.${link.key}`)}
              </Anchor>
            ))}
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

/** The pages a role may open, in the order the navigation shows them (`key`: its label, nav.*). */
function navLinks(role: Role) {
  const admin = role === 'admin';
  const schoolLead = admin || role === 'principal';
  const links = [
    { to: '/classes', key: 'classes', shown: canBrowseClasses(role) },
    { to: '/admin/koumu-imports', key: 'koumuImports', shown: schoolLead },
    { to: '/admin/roster-import', key: 'rosterImport', shown: admin },
    { to: '/admin/clients', key: 'clients', shown: admin },
    { to: '/admin/attendance-feed', key: 'attendanceFeed', shown: schoolLead || role === 'nurse' },
    { to: '/admin/identity', key: 'identity', shown: schoolLead },
    { to: '/admin/rollover', key: 'rollover', shown: admin },
    { to: '/admin/transfers', key: 'transfers', shown: admin },
  ] as const;
  return links.filter((link) => link.shown);
}
