import type { Translation } from '../catalog';
import type { en } from '../en';
import common from './common';
import shell from './shell';
import settings from './settings';
import deliveries from './deliveries';
import deliveryDetail from './deliveryDetail';
import signatures from './signatures';
import events from './events';
import notifications from './notifications';
import webhooks from './webhooks';
import oneinbox from './oneinbox';
import deliverySettings from './deliverySettings';
import tunnel from './tunnel';
import requests from './requests';
import projects from './projects';

export const zh: Translation<typeof en> = {
  common,
  shell,
  settings,
  deliveries,
  deliveryDetail,
  signatures,
  events,
  notifications,
  webhooks,
  oneinbox,
  deliverySettings,
  tunnel,
  requests,
  projects,
};
