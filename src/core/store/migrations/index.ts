import type { Migration } from '../migrate';
import { m001Foundation } from './001-foundation';
import { m002Webhooks } from './002-webhooks';
import { m003Deliveries } from './003-deliveries';
import { m004Api } from './004-api';
import { m005Dispatch } from './005-dispatch';
import { m006Tunnel } from './006-tunnel';
import { m007Events } from './007-events';
import { m008Inspector } from './008-inspector';
import { m009RequestLogFile } from './009-request-log-file';
import { m010AgentState } from './010-agent-state';
import { m011OneInbox } from './011-oneinbox';
import { m012DeliveriesView } from './012-deliveries-view';
import { m013BodyIndexOffPath } from './013-body-index-off-path';
import { m014LeanAttempts } from './014-lean-attempts';
import { m015CanonicalRequestHeaders } from './015-canonical-request-headers';
import { m016NotificationPayloadFromEvent } from './016-notification-payload-from-event';
import { m017DropDeliveriesDue } from './017-drop-deliveries-due';
import { m018PackedEventBodies } from './018-packed-event-bodies';
import { m019DropAttemptsEvent } from './019-drop-attempts-event';
import { m020SignatureBytes } from './020-signature-bytes';
import { m021BodyIndexBlocks } from './021-body-index-blocks';
import { m022LeanDeliveryRecords } from './022-lean-delivery-records';
import { m023DeliveriesWithoutUpdatedAt } from './023-deliveries-without-updated-at';

/** Every migration, in order. Add new files; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  m001Foundation,
  m002Webhooks,
  m003Deliveries,
  m004Api,
  m005Dispatch,
  m006Tunnel,
  m007Events,
  m008Inspector,
  m009RequestLogFile,
  m010AgentState,
  m011OneInbox,
  m012DeliveriesView,
  m013BodyIndexOffPath,
  m014LeanAttempts,
  m015CanonicalRequestHeaders,
  m016NotificationPayloadFromEvent,
  m017DropDeliveriesDue,
  m018PackedEventBodies,
  m019DropAttemptsEvent,
  m020SignatureBytes,
  m021BodyIndexBlocks,
  m022LeanDeliveryRecords,
  m023DeliveriesWithoutUpdatedAt,
];
