namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Ocean.Abi;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Loader.Limine;
using Ocean.Kernel.Proc;
using Ocean.Tests;

/// <summary>
/// The assembly restates structure offsets, selectors and a system-call number that C# defines:
/// every <c>equ</c> of every .asm and .inc file is either checked here against the C# it restates or
/// listed as the assembly's own (CPU, firmware and boot-protocol constants, local labels), so a
/// field moved in C# or a new constant in assembly cannot go unnoticed.
/// </summary>
public partial class AsmFactsTests
{
    private static string Root => Repository.Root;

    private static ulong Offset<T>(string field) => (ulong)Marshal.OffsetOf<T>(field);

    /// <summary>"file:NAME" → the C# value it must equal.</summary>
    private static readonly Dictionary<string, ulong> SharedWithCSharp = new()
    {
        ["kernel/arch/x86_64/syscall/SyscallEntry.asm:CPU_KERNEL_STACK"] = Offset<PerCpu>(nameof(PerCpu.KernelStackTop)),
        ["kernel/arch/x86_64/syscall/SyscallEntry.asm:CPU_USER_RSP"] = Offset<PerCpu>(nameof(PerCpu.UserRspScratch)),
        ["kernel/arch/x86_64/syscall/SyscallEntry.asm:CPU_LEAVING_ON_CPU"] = Offset<PerCpu>(nameof(PerCpu.LeavingOnCpu)),
        ["kernel/arch/x86_64/syscall/SyscallEntry.asm:USER_CODE"] = UserLayout.UserCodeSelector,
        ["kernel/arch/x86_64/syscall/SyscallEntry.asm:USER_DATA"] = UserLayout.UserDataSelector,
        ["kernel/arch/x86_64/syscall/SyscallEntry.asm:USER_LIMIT"] = UserLayout.UserEnd,
        ["kernel/arch/x86_64/cpu/Atomics.asm:CPU_CURRENT_THREAD"] = Offset<PerCpu>(nameof(PerCpu.CurrentThread)),
        ["kernel/arch/x86_64/cpu/Atomics.asm:CPU_RUN_QUEUE"] = Offset<PerCpu>(nameof(PerCpu.RunQueue)),
        ["kernel/arch/x86_64/interrupt/InterruptStubs.asm:FRAME_CS_OFFSET"] =
            Offset<InterruptFrame>(nameof(InterruptFrame.Cs)) - Offset<InterruptFrame>(nameof(InterruptFrame.Vector)),
        ["kernel/arch/x86_64/interrupt/InterruptFrame.inc:FXSAVE_AREA"] = FxsaveArea.Size,
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_RIP"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.Rip)),
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_RSP"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.Rsp)),
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_RBX"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.Rbx)),
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_RBP"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.Rbp)),
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_R12"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.R12)),
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_R13"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.R13)),
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_R14"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.R14)),
        ["lib/libc/arch/x86_64/Unwind.asm:FRAME_R15"] = Offset<Ocean.Libc.Unwind.FrameRegisters>(nameof(Ocean.Libc.Unwind.FrameRegisters.R15)),
        ["loader/arch/x86_64/ApTrampoline.asm:GOTO_ADDRESS"] = Offset<LimineSmpInfo>(nameof(LimineSmpInfo.GotoAddress)),
        ["loader/arch/x86_64/Handoff.asm:STATE_PML4"] = Offset<HandoffState>(nameof(HandoffState.Pml4)),
        ["loader/arch/x86_64/Handoff.asm:STATE_HHDM"] = Offset<HandoffState>(nameof(HandoffState.HhdmOffset)),
        ["loader/arch/x86_64/Handoff.asm:STATE_STACK"] = Offset<HandoffState>(nameof(HandoffState.StackTop)),
        ["loader/arch/x86_64/Handoff.asm:STATE_ENTRY"] = Offset<HandoffState>(nameof(HandoffState.Entry)),
        ["loader/arch/x86_64/Handoff.asm:STATE_GDTR"] = Offset<HandoffState>(nameof(HandoffState.Gdtr)),
        ["lib/libocean/arch/x86_64/Syscall.asm:THREAD_EXIT"] = (ulong)SyscallNumber.ThreadExit,
        ["lib/corelib/native/RuntimeStubs.asm:DISPATCH_CACHE_ENTRIES"] = System.Runtime.DispatchCacheLayout.Entries,
        ["lib/corelib/native/RuntimeStubs.asm:DISPATCH_ENTRY_DATA"] = System.Runtime.DispatchCacheLayout.ArrayDataOffset,
        ["lib/corelib/native/RuntimeStubs.asm:DISPATCH_CELL_SHIFT"] = System.Runtime.DispatchCacheLayout.CellShift,
        ["lib/corelib/native/RuntimeStubs.asm:DISPATCH_INDEX_SHIFT"] = System.Runtime.DispatchCacheLayout.IndexShift,
    };

    /// <summary>Constants of the CPU, the firmware or a boot protocol, or local to one routine: nothing in C# restates them.</summary>
    private static readonly HashSet<string> AssemblyOwn =
    [
        "kernel/arch/x86_64/syscall/SyscallEntry.asm:SYSCALL_VECTOR",
        "kernel/arch/x86_64/boot/KernelEntry.asm:CR0_MP", "kernel/arch/x86_64/boot/KernelEntry.asm:CR0_EM",
        "kernel/arch/x86_64/boot/KernelEntry.asm:CR4_OSFXSR", "kernel/arch/x86_64/boot/KernelEntry.asm:CR4_OSXMMEXCPT",
        "loader/arch/x86_64/ApTrampoline.asm:TRAMPOLINE_BASE", "loader/arch/x86_64/ApTrampoline.asm:CR0_PE",
        "loader/arch/x86_64/ApTrampoline.asm:CR0_WP", "loader/arch/x86_64/ApTrampoline.asm:CR0_PG",
        "loader/arch/x86_64/ApTrampoline.asm:CR4_PAE", "loader/arch/x86_64/ApTrampoline.asm:MSR_EFER",
        "loader/arch/x86_64/ApTrampoline.asm:EFER_LME", "loader/arch/x86_64/ApTrampoline.asm:EFER_NXE",
        "loader/arch/x86_64/LimineEntryState.inc:LIMINE_CODE64", "loader/arch/x86_64/LimineEntryState.inc:LIMINE_DATA64",
        "loader/arch/x86_64/LimineEntryState.inc:CR0_AT_ENTRY", "loader/arch/x86_64/LimineEntryState.inc:CR4_AT_ENTRY",
        "loader/arch/x86_64/LimineEntryState.inc:MSR_PAT", "loader/arch/x86_64/LimineEntryState.inc:PAT_AT_ENTRY_LOW",
        "loader/arch/x86_64/LimineEntryState.inc:PAT_AT_ENTRY_HIGH",
        "loader/arch/x86_64/MultibootEntry.asm:MB1_MAGIC", "loader/arch/x86_64/MultibootEntry.asm:MB1_PAGE_ALIGN",
        "loader/arch/x86_64/MultibootEntry.asm:MB1_MEMORY_INFO", "loader/arch/x86_64/MultibootEntry.asm:MB1_ADDRESS_FIELDS",
        "loader/arch/x86_64/MultibootEntry.asm:MB1_FLAGS", "loader/arch/x86_64/MultibootEntry.asm:MB2_MAGIC",
        "loader/arch/x86_64/MultibootEntry.asm:MB2_ARCH_I386", "loader/arch/x86_64/MultibootEntry.asm:MB2_TAG_END",
        "loader/arch/x86_64/MultibootEntry.asm:MB2_TAG_ADDRESS", "loader/arch/x86_64/MultibootEntry.asm:MB2_TAG_ENTRY",
        "loader/arch/x86_64/MultibootEntry.asm:MB2_TAG_MODULE_ALIGN", "loader/arch/x86_64/MultibootEntry.asm:PAGE_PRESENT",
        "loader/arch/x86_64/MultibootEntry.asm:PAGE_WRITABLE", "loader/arch/x86_64/MultibootEntry.asm:PAGE_HUGE",
        "loader/arch/x86_64/MultibootEntry.asm:CR0_PE", "loader/arch/x86_64/MultibootEntry.asm:CR0_MP",
        "loader/arch/x86_64/MultibootEntry.asm:CR0_EM", "loader/arch/x86_64/MultibootEntry.asm:CR0_WP",
        "loader/arch/x86_64/MultibootEntry.asm:CR0_PG", "loader/arch/x86_64/MultibootEntry.asm:CR4_PAE",
        "loader/arch/x86_64/MultibootEntry.asm:CR4_OSFXSR", "loader/arch/x86_64/MultibootEntry.asm:CR4_OSXMMEXCPT",
        "loader/arch/x86_64/MultibootEntry.asm:MSR_EFER", "loader/arch/x86_64/MultibootEntry.asm:EFER_LME",
        "loader/arch/x86_64/MultibootEntry.asm:EFER_NXE", "loader/arch/x86_64/MultibootEntry.asm:CPUID_EXT_FEATURES",
        "loader/arch/x86_64/MultibootEntry.asm:CPUID_LONG_MODE", "loader/arch/x86_64/MultibootEntry.asm:CPUID_NX",
        "loader/arch/x86_64/MultibootEntry.asm:COM1", "loader/arch/x86_64/MultibootEntry.asm:STACK_SIZE",
        "loader/arch/x86_64/MultibootEntry.asm:HEAP_SIZE", "loader/arch/x86_64/MultibootEntry.asm:GDT64_CODE",
        "loader/arch/x86_64/MultibootEntry.asm:GDT64_DATA", "loader/arch/x86_64/MultibootEntry.asm:PAGE_TABLES_SIZE",
    ];

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s+equ\s+([^;]+?)\s*(;.*)?$", RegexOptions.Multiline)]
    private static partial Regex EquLine();

    // Every equ in the repository's assembly: "file:NAME" → its expression (file relative to the root, with '/').
    private static Dictionary<string, string> AllEqus()
    {
        var equs = new Dictionary<string, string>();
        foreach (string folder in new[] { "kernel", "loader", "lib", "servers", "utilities", "tests" })
            foreach (string file in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories))
            {
                if (!(file.EndsWith(".asm", StringComparison.Ordinal) || file.EndsWith(".inc", StringComparison.Ordinal)) ||
                    file.Contains("/bin/", StringComparison.Ordinal) || file.Contains("/obj/", StringComparison.Ordinal))
                    continue;
                string relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
                foreach (Match m in EquLine().Matches(File.ReadAllText(file)))
                    equs[$"{relative}:{m.Groups[1].Value}"] = m.Groups[2].Value;
            }
        return equs;
    }

    // NASM expressions as the assembly writes them here: numbers, names of earlier equs of the file, <<, |, *.
    private static ulong Evaluate(string expression, string file, Dictionary<string, string> equs)
    {
        string e = expression.Trim();
        foreach (string op in new[] { "|", "*", "<<" })
        {
            int at = e.LastIndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                ulong left = Evaluate(e[..at], file, equs), right = Evaluate(e[(at + op.Length)..], file, equs);
                return op switch { "|" => left | right, "*" => left * right, _ => left << (int)right };
            }
        }
        if (e.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return Convert.ToUInt64(e[2..], 16);
        if (ulong.TryParse(e, out ulong value))
            return value;
        return Evaluate(equs[$"{file}:{e}"], file, equs);
    }

    [Fact]
    public void EveryEquIsCheckedOrTheAssemblysOwn()
    {
        var unclassified = AllEqus().Keys.Where(k => !SharedWithCSharp.ContainsKey(k) && !AssemblyOwn.Contains(k)).ToList();
        Assert.True(unclassified.Count == 0,
            $"classify these in AsmFactsTests (checked against C#, or the assembly's own): {string.Join(", ", unclassified)}");
        var stale = SharedWithCSharp.Keys.Concat(AssemblyOwn).Where(k => !AllEqus().ContainsKey(k)).ToList();
        Assert.True(stale.Count == 0, $"no longer in the assembly: {string.Join(", ", stale)}");
    }

    [Fact]
    public void SharedConstantsEqualTheirCSharp()
    {
        Dictionary<string, string> equs = AllEqus();
        foreach ((string key, ulong expected) in SharedWithCSharp)
        {
            string file = key[..key.LastIndexOf(':')];
            Assert.True(Evaluate(equs[key], file, equs) == expected, $"{key} is {equs[key]}, but C# says {expected} (0x{expected:X})");
        }
    }

    [Fact]
    public void GeneralRegistersArePushedInTheFrameOrder()
    {
        string include = File.ReadAllText(Path.Combine(Root, "kernel/arch/x86_64/interrupt/InterruptFrame.inc"));
        string macro = include[include.IndexOf("%macro PUSH_GENERAL_REGISTERS", StringComparison.Ordinal)..];
        macro = macro[..macro.IndexOf("%endmacro", StringComparison.Ordinal)];
        string[] pushed = Regex.Matches(macro, @"push\s+(\w+)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(15, pushed.Length);
        // The last register pushed sits at the frame's start: each earlier one 8 bytes above.
        for (int i = 0; i < pushed.Length; i++)
        {
            string field = char.ToUpperInvariant(pushed[i][0]) + pushed[i][1..];
            Assert.Equal((ulong)(pushed.Length - 1 - i) * 8, Offset<InterruptFrame>(field));
        }
    }

    [Fact]
    public void SwitchFrameIsWhatContextSwitchRestores()
    {
        string asm = File.ReadAllText(Path.Combine(Root, "kernel/arch/x86_64/cpu/ContextSwitch.asm"));
        string routine = asm[asm.IndexOf("ContextSwitch:", StringComparison.Ordinal)..];
        routine = routine[..(routine.IndexOf("ret", StringComparison.Ordinal) + "ret".Length)];
        Assert.Contains("ldmxcsr [rsp]", routine);
        Assert.Equal(0UL, Offset<SwitchFrame>(nameof(SwitchFrame.Mxcsr)));
        Assert.Contains("fldcw [rsp + 4]", routine);
        Assert.Equal(4UL, Offset<SwitchFrame>(nameof(SwitchFrame.FpuControl)));
        Assert.Contains("add rsp, 8", routine);
        // After the control words, each pop takes the next 8 bytes, then ret the return address.
        ulong at = 8;
        foreach (Match pop in Regex.Matches(routine[routine.IndexOf("add rsp, 8", StringComparison.Ordinal)..], @"pop (\w+)"))
        {
            string register = char.ToUpperInvariant(pop.Groups[1].Value[0]) + pop.Groups[1].Value[1..];
            Assert.True(Offset<SwitchFrame>(register) == at, $"ContextSwitch pops {pop.Groups[1].Value} from offset {at}");
            at += 8;
        }
        Assert.Equal(at, Offset<SwitchFrame>(nameof(SwitchFrame.ReturnAddress)));
        Assert.Equal((int)at + 8, Marshal.SizeOf<SwitchFrame>());
    }
}
