import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiKeyDto } from '../../../src/shared/contract/api';
import type { StudioClient } from '../../../src/shared/rpc-client';
import { ProjectsView } from '../../../src/renderer/src/features/projects/ProjectsView';
import { useProjects } from '../../../src/renderer/src/features/projects/projects-store';
import { useStudio } from '../../../src/renderer/src/store/studio';

const key = (id: string, over: Partial<ApiKeyDto> = {}): ApiKeyDto => ({
  keyId: id,
  projectId: 'p1',
  name: `Key ${id}`,
  secret: `sk_secret_${id}`,
  keyPrefix: 'sk_secre',
  isActive: true,
  createdAt: '2026-01-01T00:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  expiresAt: null,
  ...over,
});

let keys: ApiKeyDto[];
let calls: string[];
let projects: {
  projectId: string;
  name: string;
  environment: string;
  businessName: string;
  isDefault: boolean;
  createdAt: string;
}[];
let agents: { agentId: string; projectId: string; name: string; language: string; createdAt: string }[];
beforeEach(() => {
  keys = [key('k1')];
  calls = [];
  projects = [
    {
      projectId: 'p1',
      name: 'Default project',
      environment: 'development',
      businessName: '',
      isDefault: true,
      createdAt: '',
    },
  ];
  agents = [{ agentId: 'a1', projectId: 'p1', name: 'Aiko', language: 'en', createdAt: '' }];
  useProjects.setState({ projects: [], selected: null, keys: [], agents: [], error: null });
  const handlers: Record<string, (p: Record<string, unknown>) => unknown> = {
    'projects.list': () => ({ projects }),
    'projects.create': (p) => {
      const created = { ...projects[0], projectId: 'p2', name: String(p.name), isDefault: false };
      projects = [...projects, created];
      return created;
    },
    'keys.list': (p) => ({ keys: keys.filter((k) => k.projectId === p.projectId) }),
    'agents.list': (p) => ({ agents: agents.filter((a) => a.projectId === p.projectId) }),
    'agents.create': (p) => {
      const a = { agentId: 'a2', projectId: String(p.projectId), name: String(p.name), language: 'en', createdAt: '' };
      agents = [...agents, a];
      return a;
    },
    'keys.create': (p) => {
      const k = key('k2', { name: String(p.name ?? 'Default key') });
      keys = [...keys, k];
      return k;
    },
    'keys.revoke': (p) => {
      keys = keys.map((k) => (k.keyId === p.keyId ? { ...k, isActive: false, revokedAt: 'now' } : k));
      return { revoked: true };
    },
  };
  const client = {
    call: async (method: string, params: Record<string, unknown>) => {
      calls.push(method);
      return handlers[method](params);
    },
    on: () => () => {},
  } as unknown as StudioClient;
  useStudio.setState({ client, connection: 'connected', status: null });
});

describe('Projects & keys screen', () => {
  it('lists keys and agents, creates a key, and revokes one only after confirming', async () => {
    render(<ProjectsView />);
    expect(await screen.findByText('Key k1')).toBeTruthy();
    expect(screen.getByText('Aiko')).toBeTruthy();
    fireEvent.change(screen.getAllByLabelText('Name')[0], { target: { value: 'ci' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText('ci')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy key: the API key ci' })).toBeTruthy();
    const row = screen.getByText('Key k1').closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    expect(calls).not.toContain('keys.revoke');
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(within(screen.getByText('Key k1').closest('tr')!).getByText('revoked')).toBeTruthy());
  });

  it('creates a project and shows it selected, creates an agent in it, and copies a key exactly', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void written.push(t) },
    });
    render(<ProjectsView />);
    expect(await screen.findByText('Key k1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy key: the API key Key k1' }));
    await waitFor(() => expect(written).toEqual(['sk_secret_k1']));

    fireEvent.change(screen.getByLabelText('New project'), { target: { value: 'Staging' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Selected project') as HTMLSelectElement).selectedOptions[0].textContent).toContain(
        'Staging',
      ),
    );
    // The new project has no agents yet; its empty state says how to get one.
    expect(await screen.findByText(/No agents yet/)).toBeTruthy();
    const agentName = screen.getAllByLabelText('Name').find((i) => (i as HTMLInputElement).placeholder === 'Aiko')!;
    fireEvent.change(agentName, { target: { value: 'Kenji' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create agent' }));
    expect(await screen.findByText('Kenji')).toBeTruthy();
    expect(calls).toContain('agents.create');
    expect(screen.queryByText('Aiko')).toBeNull();
  });
});
