import {
  Bell,
  Boxes,
  FileSignature,
  Inbox,
  Link2,
  ScrollText,
  Send,
  Settings,
  Zap,
  CircleDot,
  type LucideIcon,
} from 'lucide-react';

/** SVG icons (no emoji font needed), by area id; unknown areas get a neutral dot. */
const ICONS: Record<string, LucideIcon> = {
  events: Zap,
  deliveries: Send,
  webhooks: Link2,
  projects: Boxes,
  requests: ScrollText,
  tunnel: Inbox,
  notifications: Bell,
  signatures: FileSignature,
  settings: Settings,
};

export function AreaIcon({ id, size = 16 }: { id: string; size?: number }) {
  const Icon = ICONS[id] ?? CircleDot;
  return <Icon size={size} aria-hidden strokeWidth={2} />;
}
