namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>Hardware capabilities: I/O port ranges, an interrupt delivered through a notification, device memory.</summary>
public static unsafe partial class Program
{
    private const ushort CmosIndex = 0x70, CmosData = 0x71, KeyboardData = 0x60;
    private const byte RtcStatusA = 0x0A, RtcStatusB = 0x0B, RtcStatusC = 0x0C, NmiDisable = 0x80;
    private const byte RtcPeriodicEnable = 0x40, RtcRate1024Hz = 0x06;
    private const int RtcIrq = 8, Com1Irq = 4, CascadeIrq = 2;
    private const ulong LapicPhysical = 0xFEE00000, LapicVersionRegister = 0x30;

    // Child: keeps only the CMOS ports, uses them, then touches a port outside the range (which must kill it).
    private static int UsePortsThenStray(long unused)
    {
        long cmos = Devices.Narrow(BootstrapSlot.IoPorts, CmosIndex, 2);
        if (cmos < 0 || Ipc.Delete(BootstrapSlot.IoPorts) != 0)
            return 1;
        Ports.Out8(CmosIndex, 0x00);
        Ports.In8(CmosData);
        Ports.In8(KeyboardData);
        return 2;
    }

    private static int UsePortWithoutCapability(long unused)
    {
        Ipc.Delete(BootstrapSlot.IoPorts);
        Ports.In8(CmosData);
        return 2;
    }

    private static void IoPortRange()
    {
        int stray = ExitCodeOf(Spawn(&UsePortsThenStray, 0));
        int none = ExitCodeOf(Spawn(&UsePortWithoutCapability, 0));
        Ports.Out8(CmosIndex, 0x00);
        Ports.In8(CmosData);   // the parent, holding all ports, goes on unharmed
        Check(stray == 128 + Signal.SegmentationFault && none == 128 + Signal.SegmentationFault,
            "ports: granted ports work from ring 3; a port outside the capability kills that process only");
    }

    private static byte ReadCmos(byte register)
    {
        Ports.Out8(CmosIndex, (byte)(register | NmiDisable));
        return Ports.In8(CmosData);
    }

    private static void WriteCmos(byte register, byte value)
    {
        Ports.Out8(CmosIndex, (byte)(register | NmiDisable));
        Ports.Out8(CmosData, value);
    }

    private static void InterruptThroughNotification()
    {
        long line = Devices.Narrow(BootstrapSlot.Interrupts, RtcIrq, 1);
        long cascade = Devices.Narrow(BootstrapSlot.Interrupts, CascadeIrq, 1);
        long notification = Notifications.Create();
        bool bound = Devices.BindInterrupt(line, notification, 0x2) == 0 && Devices.BindInterrupt(line, notification, 0x2) == -Errno.EBUSY &&
                     Devices.BindInterrupt(cascade, notification, 0x4) == -Errno.EBUSY;
        // The RTC's periodic interrupt at 1024 Hz; reading status C acknowledges it at the device.
        byte statusB = ReadCmos(RtcStatusB);
        WriteCmos(RtcStatusA, (byte)((ReadCmos(RtcStatusA) & 0xF0) | RtcRate1024Hz));
        WriteCmos(RtcStatusB, (byte)(statusB | RtcPeriodicEnable));
        ReadCmos(RtcStatusC);
        int delivered = 0;
        for (int i = 0; i < 5; i++)
        {
            if (Notifications.Wait(notification) == 0x2)
                delivered++;
            ReadCmos(RtcStatusC);
            Devices.AcknowledgeInterrupt(line);
        }
        WriteCmos(RtcStatusB, (byte)(statusB & ~RtcPeriodicEnable));
        ReadCmos(RtcStatusC);
        Check(bound && delivered == 5, "irq: the RTC's interrupt line arrives through a notification, five times with acknowledgements");
        Ipc.Delete(line);   // unbinds and masks the line
        Ipc.Delete(cascade);
        Ipc.Delete(notification);
    }

    /// <summary>
    /// console_input: only the holder of COM1's line, bound, hands programs' console reads their input
    /// (servers/tty does, in the default image); each record is one read, and an empty one is end of
    /// file. Letting the line go gives the console back to the kernel's own discipline.
    /// </summary>
    private static void ConsoleInputFromItsDriver()
    {
        long line = Devices.Narrow(BootstrapSlot.Interrupts, Com1Irq, 1);
        long notification = Notifications.Create();
        byte* text = stackalloc byte[] { (byte)'h', (byte)'i', (byte)'\n', (byte)'a', (byte)'b', (byte)'c' };
        bool refused = Devices.ConsoleInput(BootstrapSlot.Interrupts, text, 3) == -Errno.EPERM &&
                       Devices.ConsoleInput(line, text, 3) == -Errno.EPERM &&   // not bound yet
                       Devices.ConsoleInput(notification, text, 3) < 0;
        bool bound = Devices.BindInterrupt(line, notification, 0x1) == 0;
        bool fault = Devices.ConsoleInput(line, (byte*)8, 3) == -Errno.EFAULT;
        bool taken = Devices.ConsoleInput(line, text, 3) == 3 && Devices.ConsoleInput(line, text + 3, 3) == 3 && Devices.ConsoleInput(line, text, 0) == 0;
        byte* read = stackalloc byte[16];
        long first = Syscall.Read(0, read, 16);
        bool line1 = first == 3 && read[0] == 'h' && read[2] == '\n';
        long second = Syscall.Read(0, read, 2);   // a record is read in parts when the buffer is short
        long rest = Syscall.Read(0, read + 2, 16);
        bool record = second == 2 && rest == 1 && read[0] == 'a' && read[2] == 'c';
        long end = Syscall.Read(0, read, 16);
        // Keys delivered but not read come back, in order and across records; then nothing is left.
        bool backRefused = Devices.ConsoleTakeBack(BootstrapSlot.Interrupts, read, 16) == -Errno.EPERM &&
                           Devices.ConsoleTakeBack(line, (byte*)8, 16) == -Errno.EFAULT;
        Devices.ConsoleInput(line, text, 3);
        Devices.ConsoleInput(line, text + 3, 3);
        long partial = Syscall.Read(0, read, 1);
        long back = Devices.ConsoleTakeBack(line, read, 16);
        bool takenBack = backRefused && partial == 1 && back == 5 && read[0] == 'i' && read[1] == '\n' && read[4] == 'c' &&
                         Devices.ConsoleTakeBack(line, read, 16) == 0;
        Ipc.Delete(line);
        Ipc.Delete(notification);
        Check(refused && bound && fault && taken && line1 && record && end == 0,
            "console input: only COM1's bound line delivers; a line, a record without a newline in two reads, then end of file");
        Check(takenBack, "console take-back: only COM1's bound line; the unread rest of two records comes back in order, then nothing");
    }

    private static void DeviceMemory()
    {
        long lapic = Devices.Narrow(BootstrapSlot.DeviceMemory, LapicPhysical, 4096);
        long address = Devices.Map(lapic, Protection.Read);
        uint version = address > 0 ? *(uint*)(address + (long)LapicVersionRegister) : 0;
        long ram = Devices.Narrow(BootstrapSlot.DeviceMemory, 0x100000, 4096);
        Check(address > 0 && (version & 0xFF) >= 0x10 && (version & 0xFF) <= 0x15 && Devices.Map(ram, Protection.Read) == -Errno.EACCES &&
              Devices.Map(lapic, Protection.Read | Protection.Execute) == -Errno.EINVAL,
            "mmio: a device memory capability maps registers (the local APIC's version), and never RAM");
        global::Ocean.Memory.Unmap((ulong)address, 4096);
        Ipc.Delete(ram);
        Ipc.Delete(lapic);
    }
}
