import type { Source } from '../source';

/** The thread on "[PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer" (alternatives-and-resource-tree.md §1). */
export const SOURCES_THREAD: Record<string, Source> = {
  'thread/v2-cover': {
    kind: 'patch', series: '[PATCH v2 00/20] vfio/pci: Add CXL Type-2 device passthrough support (Manish Honap, 1 Apr 2026)',
    messageId: '20260401143917.108413-1-mhonap@nvidia.com', verified: true,
  },
  'thread/v2-16': {
    kind: 'patch', series: '[PATCH v2 16/20] vfio/cxl: Register regions with VFIO layer (Manish Honap, 1 Apr 2026)',
    messageId: '20260401143917.108413-17-mhonap@nvidia.com', verified: true,
  },
  'thread/dan-a': {
    kind: 'thread', author: 'Dan Williams', messageId: '69d0169115c06_1b0cc6100a5@dwillia2-mobl4.notmuch',
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2604.0/05967.html', date: '2026-04-03', verified: true,
  },
  'thread/jason-b': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: '20260404185330.GD2551565@ziepe.ca',
    url: 'https://lkml.iu.edu/2604.0/06758.html', date: '2026-04-04', verified: true,
  },
  'thread/dan-c': {
    kind: 'thread', author: 'Dan Williams', messageId: '69d1685538f45_556821002f@djbw-dev.notmuch',
    url: 'https://lkml.iu.edu/2604.0/06774.html', date: '2026-04-04', verified: true,
  },
  'thread/gregory-d': {
    kind: 'thread', author: 'Gregory Price', messageId: null,
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2604.0/08601.html', date: '2026-04-06', verified: false,
  },
  'thread/jason-seed': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: '20260406220521.GG2551565@ziepe.ca',
    url: 'https://lkml.iu.edu/2604.0/08634.html', date: '2026-04-06', verified: true,
  },
  'thread/jason-f': {
    kind: 'thread', author: 'Jason Gunthorpe', messageId: null,
    url: 'https://lkml.iu.edu/2604.0/08638.html', date: '2026-04-06', verified: false,
  },
  'thread/v3-cover': {
    kind: 'patch', series: '[PATCH v3 00/11] vfio/pci: Add CXL Type-2 device passthrough support (Manish Honap, 25 Jun 2026)',
    messageId: '20260625165407.1769572-1-mhonap@nvidia.com', verified: true,
  },
  'thread/v4-pmd': {
    kind: 'patch', series: 'vfio-cxl v4 (docs text)', messageId: null, verified: false,
  },
  'thread/alejandro-efi-reserved': {
    kind: 'thread', author: 'Alejandro Lucero', messageId: 'ab182638-3693-422b-a7b6-b3630a35a0be@amd.com', date: '2025-11-27', verified: true,
  },
  'thread/private-node-rfc': {
    kind: 'patch', series: '[LSF/MM/BPF TOPIC][RFC PATCH v4 00/27] Private Memory Nodes (w/ Compressed RAM) (Gregory Price, 22 Feb 2026)',
    messageId: '20260222084842.1824063-1-gourry@gourry.net', verified: true,
  },
  'thread/private-node-patch25': {
    kind: 'patch', series: '[RFC PATCH v4 25/27] cxl/core: Add private node support to cxl_sysram (Gregory Price, 22 Feb 2026)', messageId: '20260222084842.1824063-26-gourry@gourry.net',
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2602.2/06862.html', verified: true,
  },
  'thread/dh-thisnode': {
    kind: 'thread', author: 'David Hildenbrand', messageId: null,
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/2604.2/02095.html', date: '2026-04-15', verified: true,
  },
};
