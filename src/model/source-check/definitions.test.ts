import { describe, expect, it } from 'vitest';
import { findDefinitions } from './definitions';
import { asIdentifier, type Wanted } from './symbols';

function defs(text: string, name: string, want: Wanted = 'any', path = 'x.c', container: string | null = null) {
  return findDefinitions(text, { name: asIdentifier(name)!, want, container: container ? asIdentifier(container) : null }, path);
}
const lines = (text: string, name: string, want: Wanted = 'any', path = 'x.c', container: string | null = null) =>
  defs(text, name, want, path, container).map((d) => `${d.line}:${d.kind}`);

const C = `/* SPDX */
#include <linux/mm.h>

/* foo() is called from bar(); not a definition */
static int foo(int a);

static int foo(int a)
{
	return a;
}

static inline struct page *
get_it(struct vm_area_struct *vma,
       unsigned long addr)
{
	foo(1);
	return NULL;
}

int __weak arch_thing(void) __must_hold(&lock)
{
	return 0;
}

void call_site(void)
{
	get_it(NULL, 0);
	printk("defined_in_string(x)\\n");
}
EXPORT_SYMBOL(get_it);
`;

describe('findDefinitions: C functions', () => {
  it('finds a definition with the return type on the same line, not its prototype or calls', () => {
    expect(lines(C, 'foo', 'call')).toEqual(['7:function']);
  });
  it('finds the kernel style with the return type on the line before', () => {
    expect(lines(C, 'get_it', 'call')).toEqual(['13:function']);
  });
  it('skips attributes between the parameters and the body', () => {
    expect(lines(C, 'arch_thing', 'call')).toEqual(['20:function']);
  });
  it('ignores names in comments and strings, and uses of the name', () => {
    expect(lines(C, 'bar', 'call')).toEqual([]);
    expect(lines(C, 'defined_in_string', 'call')).toEqual([]);
    expect(lines(C, 'printk', 'call')).toEqual([]);
  });
  it('is not fooled by a statement that looks like a type line', () => {
    expect(lines('void f(void)\n{\n}\nreturn\nf2(void)\n{\n}\n', 'f2', 'call')).toEqual([]);
  });
});

describe('findDefinitions: macros, types, constants, members, variables', () => {
  const H = `#ifndef _X_H
#define _X_H
# define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define ioremap_cache ioremap_cache
struct follow_pfnmap_args {
	/* addr_mask; in a comment */
	struct vm_area_struct *vma;
	unsigned long addr_mask;
	union {
		pgprot_t pgprot;
		int (*fault)(struct vm_fault *vmf);
	};
	bool writable : 1, special;
};
struct follow_pfnmap_args;
enum page_cache_mode {
	_PAGE_CACHE_MODE_WB = 0,
#ifdef CONFIG_X86_PAT
	_PAGE_CACHE_MODE_WC,
#endif
	_PAGE_CACHE_MODE_NUM = _PAGE_CACHE_MODE_WB + 8
};
typedef union
{
	int a;
} my_u;
static int online_policy __read_mostly = 1;
int mhp_default_online_type = -1;
extern int declared_only;
static DEFINE_MUTEX(my_lock);
#endif
`;
  it('finds #define, with or without space after #', () => {
    expect(lines(H, 'PFN_DOWN', 'call')).toEqual(['3:macro']);
    expect(lines(H, 'ioremap_cache', 'call')).toEqual(['4:macro']);
  });
  it('finds a struct with a body, not a forward declaration', () => {
    expect(lines(H, 'follow_pfnmap_args', 'type')).toEqual(['5:struct']);
  });
  it('finds struct members, including in an anonymous union, bit fields and function pointers', () => {
    expect(lines(H, 'addr_mask', 'field', 'x.h', 'follow_pfnmap_args')).toEqual(['8:field']);
    expect(lines(H, 'pgprot', 'field', 'x.h', 'follow_pfnmap_args')).toEqual(['10:field']);
    expect(lines(H, 'fault', 'field', 'x.h', 'follow_pfnmap_args')).toEqual(['11:field']);
    expect(lines(H, 'writable', 'field', 'x.h', 'follow_pfnmap_args')).toEqual(['13:field']);
    expect(lines(H, 'special', 'field', 'x.h', 'follow_pfnmap_args')).toEqual(['13:field']);
    expect(lines(H, 'vma', 'field', 'x.h', 'other_struct')).toEqual([]);
  });
  it('finds enum constants, also under #ifdef, not their uses', () => {
    expect(lines(H, '_PAGE_CACHE_MODE_WC')).toEqual(['19:enum-constant']);
    expect(lines(H, '_PAGE_CACHE_MODE_WB')).toEqual(['17:enum-constant']);
    expect(lines(H, '_PAGE_CACHE_MODE_NUM')).toEqual(['21:enum-constant']);
  });
  it('finds file-scope variables, not extern declarations', () => {
    expect(lines(H, 'online_policy')).toEqual(['27:variable']);
    expect(lines(H, 'mhp_default_online_type')).toEqual(['28:variable']);
    expect(lines(H, 'declared_only')).toEqual([]);
    expect(lines(H, 'my_lock')).toEqual(['30:variable']);
  });
  it('asks for the kind the citation names: a call is not a variable', () => {
    expect(lines(H, 'online_policy', 'call')).toEqual([]);
  });
});

describe('findDefinitions: Kconfig', () => {
  const K = `config ARCH_SUPPORTS_HUGE_PFNMAP
	def_bool n

menuconfig CXL_BUS
	tristate "CXL"
	help
	  config NOT_THIS in help text is indented like an entry
config ARCH_SUPPORTS_PMD_PFNMAP  # trailing comment
	def_bool y
`;
  it('finds config and menuconfig entries in Kconfig files only', () => {
    expect(lines(K, 'ARCH_SUPPORTS_PMD_PFNMAP', 'config', 'mm/Kconfig')).toEqual(['8:kconfig']);
    expect(lines(K, 'CXL_BUS', 'any', 'drivers/cxl/Kconfig')).toEqual(['4:kconfig']);
    expect(lines(K, 'ARCH_SUPPORTS_PMD_PFNMAP', 'config', 'mm/foo.c')).toEqual([]);
  });
});

describe('findDefinitions: degenerate input', () => {
  it('copes with empty, unterminated and binary-looking text', () => {
    expect(defs('', 'foo')).toEqual([]);
    expect(defs('int foo(int a,\n', 'foo', 'call')).toEqual([]);
    expect(defs('/* never closed\nint foo(void)\n{\n}\n', 'foo', 'call')).toEqual([]);
    expect(defs('char *s = "unterminated\nint foo(void)\n{\n}\n', 'foo', 'call')).toEqual([{ line: 2, kind: 'function' }]);
    expect(defs('\0\0\x01int foo(void) {}', 'foo', 'call')).toEqual([]);
  });
});
