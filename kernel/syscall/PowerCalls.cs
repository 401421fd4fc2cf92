namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Proc;

/// <summary>power_off: only init may end the machine; everyone else asks init (which decides).</summary>
public static class PowerCalls
{
    public static long PowerOff()
    {
        if (Processes.Current.Pid != Processes.InitPid)
            return -Errno.EPERM;
        Console.WriteLine("ocean: powering off");
        Ocean.Kernel.Arch.X86_64.Cpu.PowerOff.Shutdown();
        return 0;
    }
}
