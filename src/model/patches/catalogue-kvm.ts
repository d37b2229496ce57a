/** Catalogue entries on the KVM, VFIO and VMM side: how the guest maps the range and what a reset does to it. */
import type { PatchEntry } from './types';

const PFNMAP_DESIGNS = ['memremap', 'vfio-owned', 'nvgrace-gpu'] as const;

export const KVM_ENTRIES: PatchEntry[] = [
  {
    id: 'vfio/huge-pfnmap',
    title: 'mm/vfio: huge pfnmap (follow_pfnmap_*(), vmf_insert_pfn_pmd/pud for VFIO)',
    status: { kind: 'merged', release: 'v6.12', kernel: '6.12' },
    sources: ['vma/huge-pfnmap-6.12'],
    appliedBy: { kind: 'kernel', version: '6.12' },
    effect: 'A PFNMAP VMA can have PMD/PUD special leaves, and KVM follows them (follow_pfnmap_start()). Expressed by --kernel 6.12.',
    bearsOn: ['vfio-owned', 'nvgrace-gpu'],
  },
  {
    id: 'kvm/no-refcount-pfnmap',
    title: 'KVM: stop taking references on PFNMAP pages (kvm_follow_pfn refcounted_page)',
    status: { kind: 'merged', release: 'v6.13', kernel: '6.17' },
    sources: ['kvm/pre-6.13-names'],
    appliedBy: { kind: 'kernel', version: '6.17' },
    effect: 'hva_to_pfn_remapped() no longer takes a page reference; the fault path has its current names. The model offers 6.17 as the first version after it: --kernel 6.17.',
    bearsOn: [],
  },
  {
    id: 'kvm-arm64/cacheable-pfnmap',
    title: 'KVM: arm64: Map GPU device memory as cacheable',
    status: { kind: 'merged', release: 'v6.17', kernel: '6.17' },
    sources: ['a64/ankit-series'],
    appliedBy: { kind: 'kernel', version: '6.17' },
    effect: 'arm64 stage-2 maps a cacheable PFNMAP VMA Normal (cacheable) when FWB and DIC are present, and refuses the memslot otherwise. Expressed by --kernel 6.17 (with --fwb on --dic on).',
    bearsOn: PFNMAP_DESIGNS,
    arch: 'arm64',
  },
  {
    id: 'vfio/nvgrace-fault',
    title: 'vfio/nvgrace-gpu: Use faults to map device memory (and huge pfnmap)',
    status: { kind: 'merged', release: 'v6.19', kernel: '7.0' },
    sources: ['nv/remap-pre-6.19', 'nv/huge_fault'],
    appliedBy: { kind: 'kernel', version: '7.0' },
    effect: 'nvgrace-gpu maps usemem by faults (PMD/PUD where aligned) instead of remap_pfn_range() at mmap, and waits for the GPU after a reset inside the fault. The model offers 7.0 as the first version after it: --kernel 7.0.',
    bearsOn: ['nvgrace-gpu'],
  },
  {
    id: 'kvm-x86/ept-host-pat',
    title: 'KVM: x86: take the EPT memory type of a PFNMAP pfn from the host mapping, not kvm_is_mmio_pfn()',
    status: { kind: 'hypothetical', messageId: 'ZfBzBUbxpF9MpII-@google.com' },
    arch: 'x86_64',
    sources: ['thread/sean-host-pat', 'pt/ept-host-pat-inference', 'x86/pat-mtrr-reservation'],
    appliedBy: { kind: 'patch', id: 'kvm-x86/ept-host-pat' },
    effect: 'Intel only: a pfn KVM calls MMIO gets the memory type the host gave the VMM\'s PTE — WB where a memremap()/ioremap_cache() reservation covers it (and the host MTRRs say WB), guest PAT honoured — instead of UC. Sean Christopherson wrote that ideally EPT would match the host PAT type, and that changing it risks 15+ years of KVM ABI and is unsafe on CPUs without self-snoop.',
    bearsOn: PFNMAP_DESIGNS,
  },
  {
    id: 'kvm/memory-fault-exit',
    title: 'KVM: annotate -EFAULT from the stage-2 fault path with KVM_EXIT_MEMORY_FAULT',
    status: { kind: 'posted', series: '[PATCH v5 06/17] KVM: x86: Annotate -EFAULTs from kvm_handle_error_pfn() (and 07/17 for arm64 user_mem_abort())', version: 'v5', messageId: '20230908222905.1321305-1-amoorthy@google.com' },
    sources: ['pt/anish-annotate-efault', 'pt/sean-annotate-efault', 'reset/no-memory-fault-exit'],
    appliedBy: { kind: 'patch', id: 'kvm/memory-fault-exit' },
    effect: 'A VFIO fault handler\'s SIGBUS (a guest access after a device reset) still fails KVM_RUN with -EFAULT, but with exit_reason KVM_EXIT_MEMORY_FAULT and the GPA. Alone it changes no outcome: QEMU handles that exit only as a guest_memfd conversion and stops the VM.',
    bearsOn: PFNMAP_DESIGNS,
  },
  {
    id: 'vmm/retry-after-reset',
    title: 'VMM: on KVM_EXIT_MEMORY_FAULT inside a device region during its reset, wait and re-enter KVM_RUN',
    status: { kind: 'hypothetical', messageId: 'ZR9WkaObdPTIc07-@google.com' },
    sources: ['pt/sean-annotate-efault', 'pt/vmm-retry-inference', 'reset/qemu-kvm-run-failed'],
    appliedBy: { kind: 'patch', id: 'vmm/retry-after-reset' },
    effect: 'With kvm/memory-fault-exit: the vCPU returns to the VMM, which waits for the reset and the region to come back and re-enters; the re-fault inserts the pfn and the VM keeps running. Without that exit the VMM cannot tell the fault from any other -EFAULT, so it changes nothing.',
    bearsOn: PFNMAP_DESIGNS,
  },
];
