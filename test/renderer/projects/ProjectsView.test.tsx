import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('Projects & keys screen in another language', () => {
  afterEach(async () => {
    await act(() => i18next.changeLanguage('en'));
  });

  it('shows Japanese labels, states and confirmations with the names in them', async () => {
    await act(() => i18next.changeLanguage('ja'));
    render(<ProjectsView />);
    expect(await screen.findByText('Key k1')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('プロジェクトとキー');
    expect((screen.getByLabelText('選択中のプロジェクト') as HTMLSelectElement).selectedOptions[0].textContent).toBe(
      'Default project (既定)',
    );
    const row = screen.getByText('Key k1').closest('tr')!;
    expect(within(row).getByText('有効')).toBeTruthy();
    expect(within(row).getByText('未使用')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: '最終使用' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'エージェントを作成' })).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: '失効' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.getAttribute('aria-label')).toBe(
      'Key k1 を失効させますか？このキーを使うコードには、ただちに 401 が返ります。',
    );
    expect(within(dialog).getByRole('button', { name: 'キャンセル' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '失効' }));
    await waitFor(() => expect(within(screen.getByText('Key k1').closest('tr')!).getByText('失効')).toBeTruthy());

    await act(() => i18next.changeLanguage('zh'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('项目与密钥');
    expect(within(screen.getByText('Key k1').closest('tr')!).getByText('已吊销')).toBeTruthy();
    const agentRow = screen.getByText('Aiko').closest('tr')!;
    fireEvent.click(within(agentRow).getByRole('button', { name: '删除' }));
    expect(screen.getByRole('alertdialog').getAttribute('aria-label')).toBe('删除智能体 Aiko？');
  });
});
