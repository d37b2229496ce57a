/**
 * The kernel-shaped repository of the check-sources tests: v6.11 and v7.1 tags, a function renamed between them
 * (follow_pte → follow_pfnmap_start), one moved to a header (kvm_vma_is_cacheable), a macro, a struct with a member,
 * an enum constant, a Kconfig entry that appears in v7.1, and a cited file the tree lacks; and a registry citing them.
 */
import type { Source } from '../../../model/source';
import { makeKernelRepo, type KernelRepo } from './kernel-repo';

const MEMORY_V611 = `// SPDX-License-Identifier: GPL-2.0-only
#include <linux/mm.h>

/* follow_pfnmap_start() does not exist yet */
int follow_pte(struct vm_area_struct *vma, unsigned long address,
	       pte_t **ptepp, spinlock_t **ptlp)
{
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(follow_pte);
`;

const MEMORY_V71 = `// SPDX-License-Identifier: GPL-2.0-only
#include <linux/mm.h>

static vm_fault_t insert_pfn(struct vm_area_struct *vma, unsigned long addr,
			pfn_t pfn, pgprot_t prot, bool mkwrite)
{
	return VM_FAULT_NOPAGE;
}

/**
 * follow_pfnmap_start() - Look up a pfn mapping at a user virtual address
 * (replaces follow_pte())
 */
int follow_pfnmap_start(struct follow_pfnmap_args *args)
{
	return follow_pte_helper(args);
}
EXPORT_SYMBOL_GPL(follow_pfnmap_start);
`;

const MM_H = `#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#define VM_PFNMAP	0x00000400

enum fault_flag {
	FAULT_FLAG_WRITE =		1 << 0,
	FAULT_FLAG_MKWRITE =		1 << 1,
};

struct vm_fault {
	const struct {
		struct vm_area_struct *vma;
		pgoff_t pgoff;
	};
	enum fault_flag flags;
};

#endif
`;

const MMU_V611 = `// SPDX-License-Identifier: GPL-2.0-only
static bool kvm_vma_is_cacheable(struct vm_area_struct *vma)
{
	return true;
}

static int user_mem_abort(struct kvm_vcpu *vcpu, phys_addr_t fault_ipa)
{
	return kvm_vma_is_cacheable(NULL) ? 0 : -EFAULT;
}
`;

const MMU_V71 = `// SPDX-License-Identifier: GPL-2.0-only
#include <asm/kvm_mmu.h>

static int user_mem_abort(struct kvm_vcpu *vcpu, phys_addr_t fault_ipa)
{
	return kvm_vma_is_cacheable(NULL) ? 0 : -EFAULT;
}
`;

const KVM_MMU_H = `#ifndef __ARM64_KVM_MMU_H__
#define __ARM64_KVM_MMU_H__

static inline bool kvm_vma_is_cacheable(struct vm_area_struct *vma)
{
	return true;
}

#endif
`;

const KCONFIG_V611 = `config MMU
	bool
`;

const KCONFIG_V71 = `config MMU
	bool

config ARCH_SUPPORTS_PMD_PFNMAP
	def_bool y
	depends on ARCH_SUPPORTS_HUGE_PFNMAP && HAVE_ARCH_TRANSPARENT_HUGEPAGE
`;

const E820 = `static const char *__init e820_type_to_string(struct e820_entry *entry)
{
	return "System RAM";
}
`;

export function makeFixtureRepo(): KernelRepo {
  return makeKernelRepo([
    {
      files: {
        'mm/memory.c': MEMORY_V611, 'include/linux/mm.h': MM_H, 'arch/arm64/kvm/mmu.c': MMU_V611, 'mm/Kconfig': KCONFIG_V611,
        'arch/x86/kernel/e820.c': E820,
      },
      tags: ['v6.11'],
      message: 'v6.11',
    },
    {
      files: { 'mm/memory.c': MEMORY_V71, 'arch/arm64/kvm/mmu.c': MMU_V71, 'arch/arm64/include/asm/kvm_mmu.h': KVM_MMU_H, 'mm/Kconfig': KCONFIG_V71 },
      tags: ['v7.1'],
      message: 'v7.1',
    },
    { files: { 'mm/memory.c': `${MEMORY_V71}\n/* after v7.1 */\n` }, message: 'after v7.1' },
  ]);
}

const up = (file: string, fn: string, version: string, extra: Partial<Extract<Source, { kind: 'upstream' }>> = {}): Source => ({
  kind: 'upstream', file, fn, version, verified: true, ...extra,
});

/** The registry the tests check; `v611` is the commit id of the v6.11 snapshot (cited by hash). */
export function fixtureSources(v611: string): Record<string, Source> {
  return {
    't/found': up('mm/memory.c', 'follow_pfnmap_start()', 'v7.1'),
    't/renamed': up('mm/memory.c', 'follow_pte()', 'v7.1'),
    't/old-name': up('mm/memory.c', 'follow_pte()', 'v6.11'),
    't/by-commit': up('mm/memory.c', 'follow_pte()', 'v6.x', { commit: v611.slice(0, 8) }),
    't/moved': up('arch/arm64/kvm/mmu.c', 'kvm_vma_is_cacheable()', 'v7.1', { elixirTag: 'v7.1' }),
    't/macro': up('include/linux/mm.h', 'VM_PFNMAP', 'v6.x'),
    't/struct': up('include/linux/mm.h', 'struct vm_fault', 'v7.1'),
    't/member': up('include/linux/mm.h', 'vm_fault.pgoff', 'v7.1'),
    't/enum': up('include/linux/mm.h', 'FAULT_FLAG_WRITE', 'v6.11'),
    't/kconfig': up('mm/Kconfig', 'ARCH_SUPPORTS_PMD_PFNMAP', 'v7.1'),
    't/kconfig-early': up('mm/Kconfig', 'ARCH_SUPPORTS_PMD_PFNMAP', 'v6.11'),
    't/missing-file': up('drivers/cxl/acpi.c', 'add_cxl_resources()', 'v7.1'),
    't/no-such-tag': up('mm/memory.c', 'follow_pfnmap_start()', 'v6.19', { elixirTag: 'v6.19' }),
    't/two': up('arch/x86/kernel/e820.c', 'e820_type_to_string() / do_mark_busy()', 'v6.x'),
    't/out-of-tree': up('drivers/vfio/pci/cxl/vfio_cxl_core.c (NVIDIA/NV-Kernels)', 'vfio_cxl_region_mmap()', 'NV-Kernels (commit unknown)'),
    't/prose': up('backends/hostmem.c', 'host-nodes=N,policy=bind (mbind)', 'QEMU'),
    't/metachars': up('mm/memory.c', 'follow_.*() / a|b / $(x)', 'v7.1'),
    't/patch': { kind: 'patch', series: 'a posted series', messageId: 'x@y', verified: true },
  };
}
