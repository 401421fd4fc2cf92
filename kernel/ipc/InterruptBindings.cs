namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Lib;

/// <summary>
/// Interrupt lines bound to notifications for userspace drivers. When a bound line fires, the
/// kernel masks it and signals the driver's notification; the driver handles the device and
/// acknowledges, which unmasks the line. The cascade line cannot be bound; COM1's can (the console's
/// input driver, servers/tty), and goes back to the kernel's own console input when let go.
/// </summary>
public static unsafe class InterruptBindings
{
    /// <summary>Legacy ISA IRQs 0..15, routed through the IOAPIC.</summary>
    public const int Lines = 16;
    private const int CascadeIrq = 2;

    // Made at boot (Initialize), not on first use: a lazy static would take its heap the first time
    // any interrupt-line capability goes away, in whichever process that happens to be, where it
    // looks like that process's leak (the fuzz tests caught one: 768 bytes and a slab page).
    private static HardwareRange[] _owners;
    private static Notification[] _targets;
    private static ulong[] _bits;

    /// <summary>Makes the binding tables (boot, before any process runs).</summary>
    public static void Initialize()
    {
        _owners = new HardwareRange[Lines];
        _targets = new Notification[Lines];
        _bits = new ulong[Lines];
    }

    private static bool KernelOwned(int irq) => irq == CascadeIrq;

    /// <summary>Whether <paramref name="line"/> is the one bound to <paramref name="irq"/>.</summary>
    public static bool IsBound(HardwareRange line, int irq) => line.Count == 1 && line.First == (ulong)irq && _owners[irq] == line;

    public static long Bind(HardwareRange line, Notification target, ulong bits)
    {
        if (line.Count != 1 || line.First >= Lines || bits == 0)
            return -Errno.EINVAL;
        int irq = (int)line.First;
        if (KernelOwned(irq) || _owners[irq] != null)
            return -Errno.EBUSY;
        Interrupts.Register(InterruptVectors.IsaBase + irq, &OnInterrupt);
        if (!IoApic.RouteIsaIrq(irq, InterruptVectors.IsaBase + irq, Lapic.Id))
        {
            Interrupts.Register(InterruptVectors.IsaBase + irq, null);
            return -Errno.EINVAL;
        }
        _owners[irq] = line;
        _targets[irq] = target;
        _bits[irq] = bits;
        target.AddReference();
        return 0;
    }

    /// <summary>The driver has handled the interrupt: let the line fire again.</summary>
    public static long Acknowledge(HardwareRange line)
    {
        if (line.Count != 1 || line.First >= Lines || _owners[(int)line.First] != line)
            return -Errno.EINVAL;
        IoApic.SetIsaIrqMasked((int)line.First, false);
        return 0;
    }

    /// <summary>The line's capability is gone: mask the line and let go of the notification.</summary>
    public static void Unbind(HardwareRange line)
    {
        for (int irq = 0; irq < Lines; irq++)
        {
            if (_owners[irq] != line)
                continue;
            IoApic.SetIsaIrqMasked(irq, true);
            Interrupts.Register(InterruptVectors.IsaBase + irq, null);
            Notification target = _targets[irq];
            _owners[irq] = null;
            _targets[irq] = null;
            target.DropReference();
            if (irq == SerialPort.Com1Irq)
                SerialInput.TakeBack();
        }
    }

    private static void OnInterrupt(InterruptFrame* frame)
    {
        int irq = (int)frame->Vector - InterruptVectors.IsaBase;
        IoApic.SetIsaIrqMasked(irq, true);
        if (_targets[irq] != null)
            NotificationCalls.Deliver(_targets[irq], _bits[irq]);
    }
}
