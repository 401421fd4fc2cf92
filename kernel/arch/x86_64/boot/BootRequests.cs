namespace Ocean.Kernel.Boot;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Kernel.Boot.Limine;

/// <summary>The kernel's Limine requests as laid out in LimineRequests.asm (same order and sizes).</summary>
public unsafe struct KernelRequests
{
    public ulong BaseRevisionMagic0, BaseRevisionMagic1, BaseRevision;
    public LimineRequestHeader BootloaderInfo;
    public LimineRequestHeader Hhdm;
    public LimineRequestHeader MemoryMap;
    public LimineRequestHeader Modules;
    public LimineRequestHeader KernelFile;
    public LimineRequestHeader KernelAddress;
    public LimineRequestHeader Rsdp;
    public LimineRequestHeader Framebuffer;
    public LimineRequestHeader Smp;
    public ulong SmpFlags;
}

/// <summary>Typed access to the bootloader's answers to the kernel's requests.</summary>
public static unsafe class BootRequests
{
    [RuntimeImport("*", "LimineRequestAddress")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern KernelRequests* RequestAddress();

    private static KernelRequests* Requests => RequestAddress();

    /// <summary>True when the bootloader accepted base revision 2 (it zeroes the revision word).</summary>
    public static bool BaseRevisionSupported => Requests->BaseRevision == 0;

    public static LimineBootloaderInfoResponse* BootloaderInfo => (LimineBootloaderInfoResponse*)Requests->BootloaderInfo.Response;
    public static LimineHhdmResponse* Hhdm => (LimineHhdmResponse*)Requests->Hhdm.Response;
    public static LimineMemoryMapResponse* MemoryMap => (LimineMemoryMapResponse*)Requests->MemoryMap.Response;
    public static LimineModuleResponse* Modules => (LimineModuleResponse*)Requests->Modules.Response;
    public static LimineKernelFileResponse* KernelFile => (LimineKernelFileResponse*)Requests->KernelFile.Response;
    public static LimineKernelAddressResponse* KernelAddress => (LimineKernelAddressResponse*)Requests->KernelAddress.Response;
    public static LimineRsdpResponse* Rsdp => (LimineRsdpResponse*)Requests->Rsdp.Response;
    public static LimineFramebufferResponse* Framebuffer => (LimineFramebufferResponse*)Requests->Framebuffer.Response;
    public static LimineSmpResponse* Smp => (LimineSmpResponse*)Requests->Smp.Response;
}
