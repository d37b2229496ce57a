#!/bin/sh
# HDM Atlas collector: gather what the model needs to know about this machine into one bundle file.
#
#   scripts/collect.sh [-o FILE] [--qemu-pid PID] [--trace SECONDS]
#
# POSIX sh and the tools every Linux has (uname, cat, grep, sed, date, id; gzip for /proc/config.gz, dmesg or
# journalctl when there). Read-only: it reads /proc, /sys and /boot and writes nothing but FILE. Run it as root to
# get addresses in /proc/iomem and the kernel log; as another user it still collects what it may read, and says what
# it could not. The one exception to read-only is --trace: it creates a tracefs instance of its own
# (instances/hdm-atlas), enables the KVM fault tracepoints there for SECONDS, reads them and removes the instance;
# the system's own tracing is not touched.
#
# The bundle format (read by the "Your machine" panel and `npm run --silent cli -- bundle FILE`): a first line
# "# hdm-atlas bundle v1", then sections, each a line "=== NAME" and the text collected; a section that could not be
# collected is a line "=== missing: NAME (why)". A collected line that itself starts with "=== " is written "\=== ".
set -u

out=""
pid=""
secs=0

usage() {
	cat <<'EOF'
usage: scripts/collect.sh [-o FILE] [--qemu-pid PID] [--trace SECONDS]
  -o FILE          write the bundle to FILE ("-" for stdout); default hdm-atlas-bundle-HOST-DATE.txt here
  --qemu-pid PID   also collect /proc/PID/smaps of the VMM (QEMU) process
  --trace SECONDS  also record the KVM fault tracepoints for SECONDS (root; uses a tracefs instance of its own)
EOF
}

while [ $# -gt 0 ]; do
	case "$1" in
	-o) [ $# -ge 2 ] || { usage >&2; exit 2; }; out=$2; shift 2 ;;
	--qemu-pid) [ $# -ge 2 ] || { usage >&2; exit 2; }; pid=$2; shift 2 ;;
	--trace) [ $# -ge 2 ] || { usage >&2; exit 2; }; secs=$2; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "collect.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
	esac
done
case "$pid" in '' | *[!0-9]*) [ -z "$pid" ] || { echo "collect.sh: --qemu-pid needs a process id, not \"$pid\"" >&2; exit 2; } ;; esac
case "$secs" in '' | *[!0-9]*) echo "collect.sh: --trace needs whole seconds, not \"$secs\"" >&2; exit 2 ;; esac
[ "$secs" -le 60 ] || { echo "collect.sh: --trace is at most 60 seconds" >&2; exit 2; }

if [ -z "$out" ]; then
	host=$(uname -n 2>/dev/null | sed 's/[^A-Za-z0-9._-]/_/g')
	out="hdm-atlas-bundle-${host:-host}-$(date +%Y%m%d-%H%M%S).txt"
fi

section() { printf '=== %s\n' "$1"; }
missing() { printf '=== missing: %s (%s)\n' "$1" "$2"; }
# Escape collected lines that would read as a section header.
body() { sed 's/^=== /\\=== /'; }

# The kernel config options that change what the designs do (and the ones they depend on, for context).
CONFIG_RE='^(# )?CONFIG_(CXL_BUS|CXL_PCI|CXL_ACPI|CXL_MEM|CXL_PORT|CXL_REGION|DEV_DAX|DEV_DAX_CXL|DEV_DAX_HMEM|DEV_DAX_KMEM|EFI_SOFT_RESERVE|MEMORY_HOTPLUG|MHP_DEFAULT_ONLINE_TYPE[A-Z_]*|VFIO_PCI|VFIO_PCI_CORE|NVGRACE_GPU_VFIO_PCI|ARM64_MTE|KVM)[= ]'
# Kernel log lines about the CPU features arm64 reports at boot, CXL, HMEM, dax, VFIO and firmware memory types.
DMESG_RE='CPU features: detected|[Cc][Xx][Ll]|hmem|dax|[Vv][Ff][Ii][Oo]|[Ss]oft [Rr]eserved|EFI_MEMORY_SP|nvgrace|e820: |efi: '

collect() {
	echo "# hdm-atlas bundle v1"
	echo "# collected $(date -u +%Y-%m-%dT%H:%M:%SZ) by scripts/collect.sh, uid $(id -u)"

	section "uname -r"; uname -r
	section "uname -m"; uname -m

	if grep -q '^vendor_id' /proc/cpuinfo 2>/dev/null; then
		section "cpu vendor"; sed -n '/^vendor_id/{p;q;}' /proc/cpuinfo
	fi

	if [ -r /proc/cmdline ]; then section "/proc/cmdline"; body </proc/cmdline; else missing "/proc/cmdline" "not readable"; fi

	rel=$(uname -r)
	if [ -r /proc/config.gz ] && command -v gzip >/dev/null 2>&1; then
		section "kernel config (/proc/config.gz)"; gzip -dc </proc/config.gz | grep -E "$CONFIG_RE"
	elif [ -r "/boot/config-$rel" ]; then
		section "kernel config (/boot/config-$rel)"; grep -E "$CONFIG_RE" "/boot/config-$rel"
	else
		missing "kernel config" "neither /proc/config.gz nor /boot/config-$rel is readable"
	fi

	if [ -r /sys/devices/system/memory/auto_online_blocks ]; then
		section "memory auto_online_blocks"; cat /sys/devices/system/memory/auto_online_blocks
	else
		missing "memory auto_online_blocks" "no memory hotplug in this kernel"
	fi

	if log=$(dmesg 2>/dev/null) && [ -n "$log" ]; then
		section "dmesg"; printf '%s\n' "$log" | grep -E "$DMESG_RE" | tail -n 3000 | body
	elif command -v journalctl >/dev/null 2>&1 && log=$(journalctl -k -b --no-pager -o short-monotonic 2>/dev/null) && [ -n "$log" ]; then
		section "dmesg (journalctl -k -b)"; printf '%s\n' "$log" | grep -E "$DMESG_RE" | tail -n 3000 | body
	else
		missing "dmesg" "not readable: run as root, or dmesg_restrict is set"
	fi

	if [ -r /proc/iomem ]; then section "/proc/iomem"; body </proc/iomem; else missing "/proc/iomem" "not readable"; fi

	if command -v cxl >/dev/null 2>&1; then
		section "cxl list -vvv"; cxl list -vvv 2>&1 | body
	else
		missing "cxl list -vvv" "cxl-cli (ndctl) is not installed"
	fi

	if [ -n "$pid" ]; then
		comm=$(cat "/proc/$pid/comm" 2>/dev/null)
		if [ -r "/proc/$pid/smaps" ]; then
			section "smaps of pid $pid (${comm:-?})"; body <"/proc/$pid/smaps"
		else
			missing "smaps of pid $pid" "no such process, or not readable by uid $(id -u)"
		fi
	fi

	if [ "$secs" -gt 0 ]; then
		tr=/sys/kernel/tracing
		[ -d "$tr/instances" ] || tr=/sys/kernel/debug/tracing
		inst="$tr/instances/hdm-atlas"
		if [ "$(id -u)" -ne 0 ] || [ ! -d "$tr/instances" ]; then
			missing "ftrace" "needs root and tracefs"
		elif [ -e "$inst" ]; then
			missing "ftrace" "$inst already exists: another collection is running, or remove it"
		elif mkdir "$inst" 2>/dev/null; then
			for ev in kvm/kvm_page_fault kvm/kvm_guest_fault kvm/kvm_exit kvmmmu/fast_page_fault; do
				[ -w "$inst/events/$ev/enable" ] && echo 1 >"$inst/events/$ev/enable"
			done
			sleep "$secs"
			section "ftrace kvm (${secs} s)"; body <"$inst/trace"
			for ev in kvm/kvm_page_fault kvm/kvm_guest_fault kvm/kvm_exit kvmmmu/fast_page_fault; do
				[ -w "$inst/events/$ev/enable" ] && echo 0 >"$inst/events/$ev/enable"
			done
			rmdir "$inst"
		else
			missing "ftrace" "could not create a tracefs instance"
		fi
	fi
}

if [ "$out" = "-" ]; then
	collect
else
	collect >"$out" || exit 1
	echo "collect.sh: wrote $out ($(wc -l <"$out") lines); paste or drop it on the page, or run: npm run --silent cli -- bundle $out" >&2
	[ "$(id -u)" -eq 0 ] || echo "collect.sh: not root: /proc/iomem addresses read as zero and the kernel log may be missing; run with sudo for both" >&2
fi
