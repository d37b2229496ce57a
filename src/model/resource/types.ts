/**
 * struct resource, as in include/linux/ioport.h / kernel/resource.c.
 * Children are kept sorted by start and non-overlapping (the kernel's sibling list).
 * Addresses are inclusive [start, end] like the kernel's.
 */
export interface Resource {
  start: bigint;
  end: bigint;
  /** null prints as "<BAD>" in /proc/iomem. */
  name: string | null;
  flags: number;
  desc: number;
  parent: Resource | null;
  children: Resource[];
  /**
   * Who put it there, for the diagram (not a kernel field): 'firmware', 'cxl', 'kmem', 'vfio', 'mm', 'pci', 'parsed', ...
   */
  owner?: string;
}

/** IORESOURCE_* flag bits (include/linux/ioport.h, NV-Kernels @ 119ff548; alternatives-and-resource-tree.md §2.5). */
export const IORESOURCE = {
  IO: 0x100,
  MEM: 0x200,
  REG: 0x300,
  IRQ: 0x400,
  DMA: 0x800,
  BUS: 0x1000,
  TYPE_BITS: 0x1f00,
  PREFETCH: 0x2000,
  MEM_64: 0x100000,
  WINDOW: 0x200000,
  MUXED: 0x400000,
  EXT_TYPE_BITS: 0x01000000,
  SYSRAM: 0x01000000,
  SYSRAM_DRIVER_MANAGED: 0x02000000,
  SYSRAM_MERGEABLE: 0x04000000,
  EXCLUSIVE: 0x08000000,
  DISABLED: 0x10000000,
  UNSET: 0x20000000,
  AUTO: 0x40000000,
  BUSY: 0x80000000,
} as const;

/** IORESOURCE_SYSTEM_RAM = MEM | SYSRAM. */
export const IORESOURCE_SYSTEM_RAM = IORESOURCE.MEM | IORESOURCE.SYSRAM;

/** IORES_DESC_* (alternatives-and-resource-tree.md §2.5). */
export const IORES_DESC = {
  NONE: 0,
  CRASH_KERNEL: 1,
  ACPI_TABLES: 2,
  ACPI_NV_STORAGE: 3,
  PERSISTENT_MEMORY: 4,
  PERSISTENT_MEMORY_LEGACY: 5,
  DEVICE_PRIVATE_MEMORY: 6,
  RESERVED: 7,
  SOFT_RESERVED: 8,
  CXL: 9,
  ENCRYPTED: 10,
} as const;

export type RegionIntersection = 'REGION_DISJOINT' | 'REGION_INTERSECTS' | 'REGION_MIXED';
