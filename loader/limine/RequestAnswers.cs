namespace Ocean.Loader.Limine;

using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Lib;
using Ocean.Loader.Acpi;
using Ocean.Loader.Memory;
using Ocean.Loader.Multiboot;

/// <summary>
/// Answers each request the kernel makes that Ocean's loader supports; others get no response, as
/// with Limine. Requests are found in the kernel file and answered in the loaded copy.
/// </summary>
public unsafe sealed class RequestAnswers
{
    private readonly BootEnvironment _env;
    private readonly ElfImage _kernel;
    private readonly BootModule _kernelModule;
    private readonly ulong _kernelPhysical;
    private readonly ResponseWriter _out;
    private readonly RequestScanner.ScanResult _scan;

    /// <summary>The CPUs listed in the SMP response (physical pointers), for starting them.</summary>
    public LimineSmpInfo** SmpCpus { get; private set; }
    public int SmpCount { get; private set; }
    /// <summary>Set when the AP trampoline page was used (it is then bootloader-reclaimable).</summary>
    public bool TrampolineUsed { get; set; }
    public uint BspLapicId { get; private set; }
    public ulong LapicAddress { get; private set; }

    public RequestAnswers(BootEnvironment env, ElfImage kernel, BootModule kernelModule, ulong kernelPhysical, ResponseWriter writer)
    {
        _env = env;
        _kernel = kernel;
        _kernelModule = kernelModule;
        _kernelPhysical = kernelPhysical;
        _out = writer;
        _scan = RequestScanner.Scan((byte*)kernelModule.Start, kernelModule.End - kernelModule.Start);
    }

    /// <summary>Where a file offset of the kernel ended up in the loaded image, or null if not loaded.</summary>
    private byte* LoadedAddress(ulong fileOffset)
    {
        for (int i = 0; i < _kernel.SegmentCount; i++)
        {
            ElfSegment segment = _kernel.Segments[i];
            if (fileOffset >= segment.FileOffset && fileOffset < segment.FileOffset + segment.FileSize)
                return (byte*)(_kernelPhysical + segment.VirtualAddress - _kernel.ImageStart + (fileOffset - segment.FileOffset));
        }
        return null;
    }

    private LimineRequestHeader* FindRequest(ulong id2, ulong id3)
    {
        for (int i = 0; i < _scan.RequestCount; i++)
        {
            var request = (LimineRequestHeader*)LoadedAddress(_scan.RequestOffsets[i]);
            if (request != null && request->Id2 == id2 && request->Id3 == id3)
                return request;
        }
        return null;
    }

    public void AnswerAll()
    {
        if (_scan.BaseRevisionOffset >= 0)
        {
            ulong* tag = (ulong*)LoadedAddress((ulong)_scan.BaseRevisionOffset);
            // Supported revisions are acknowledged by zeroing the revision word.
            if (tag != null && tag[2] <= LimineMagic.SupportedBaseRevision)
                tag[2] = 0;
        }

        LimineRequestHeader* request;
        if ((request = FindRequest(LimineRequestId.BootloaderInfo2, LimineRequestId.BootloaderInfo3)) != null)
        {
            var response = _out.New<LimineBootloaderInfoResponse>();
            response->Name = _out.String(Loader.Name);
            response->Version = _out.String(BuildInfo.Version);
            request->Response = _out.ToHhdm(response);
        }
        if ((request = FindRequest(LimineRequestId.Hhdm2, LimineRequestId.Hhdm3)) != null)
        {
            var response = _out.New<LimineHhdmResponse>();
            response->Offset = _out.HhdmOffset;
            request->Response = _out.ToHhdm(response);
        }
        if ((request = FindRequest(LimineRequestId.KernelAddress2, LimineRequestId.KernelAddress3)) != null)
        {
            var response = _out.New<LimineKernelAddressResponse>();
            response->PhysicalBase = _kernelPhysical;
            response->VirtualBase = _kernel.ImageStart;
            request->Response = _out.ToHhdm(response);
        }
        if ((request = FindRequest(LimineRequestId.KernelFile2, LimineRequestId.KernelFile3)) != null)
        {
            var response = _out.New<LimineKernelFileResponse>();
            response->KernelFile = _out.ToHhdm(NewFile(_kernelModule));
            request->Response = _out.ToHhdm(response);
        }
        if ((request = FindRequest(LimineRequestId.Modules2, LimineRequestId.Modules3)) != null)
            AnswerModules(request);
        if ((request = FindRequest(LimineRequestId.Framebuffer2, LimineRequestId.Framebuffer3)) != null && _env.HasFramebuffer)
            AnswerFramebuffer(request);

        byte* rsdp = FindRsdp();
        if ((request = FindRequest(LimineRequestId.Rsdp2, LimineRequestId.Rsdp3)) != null && rsdp != null)
        {
            var response = _out.New<LimineRsdpResponse>();
            response->Address = _out.ToHhdm(rsdp);
            request->Response = _out.ToHhdm(response);
        }
        if ((request = FindRequest(LimineRequestId.Smp2, LimineRequestId.Smp3)) != null && rsdp != null)
            AnswerSmp(request, rsdp);
    }

    private LimineFile* NewFile(BootModule module)
    {
        var file = _out.New<LimineFile>();
        ModuleString.Split(module.String, out int pathStart, out int pathLength, out int cmdStart, out int cmdLength);
        file->Address = (byte*)_out.ToHhdm((void*)module.Start);
        file->Size = module.End - module.Start;
        // Limine paths start with a slash; Multiboot strings may not.
        if (pathLength > 0 && module.String[pathStart] != '/')
        {
            var withSlash = new byte[pathLength + 1];
            withSlash[0] = (byte)'/';
            for (int i = 0; i < pathLength; i++)
                withSlash[i + 1] = module.String[pathStart + i];
            file->Path = _out.String(withSlash, 0, withSlash.Length);
        }
        else
            file->Path = _out.String(module.String, pathStart, pathLength);
        file->Cmdline = _out.String(module.String, cmdStart, cmdLength);
        return file;
    }

    private void AnswerModules(LimineRequestHeader* request)
    {
        var response = _out.New<LimineModuleResponse>();
        // Revision 1 of the response: modules only from the boot configuration (no internal modules).
        response->Revision = 1;
        int count = _env.ModuleCount - 1;
        var list = (LimineFile**)_out.Allocate((ulong)(count > 0 ? count : 1) * (ulong)sizeof(void*));
        for (int i = 0; i < count; i++)
            list[i] = _out.ToHhdm(NewFile(_env.Modules[i + 1]));
        response->ModuleCount = (ulong)count;
        response->Modules = (LimineFile**)_out.ToHhdm(list);
        request->Response = _out.ToHhdm(response);
    }

    private void AnswerFramebuffer(LimineRequestHeader* request)
    {
        FramebufferInfo info = _env.Framebuffer;
        var framebuffer = _out.New<LimineFramebuffer>();
        framebuffer->Address = (void*)(info.Address + _out.HhdmOffset);
        framebuffer->Width = info.Width;
        framebuffer->Height = info.Height;
        framebuffer->Pitch = info.Pitch;
        framebuffer->BitsPerPixel = info.BitsPerPixel;
        framebuffer->MemoryModel = 1;   // RGB
        framebuffer->RedMaskSize = info.RedSize;
        framebuffer->RedMaskShift = info.RedShift;
        framebuffer->GreenMaskSize = info.GreenSize;
        framebuffer->GreenMaskShift = info.GreenShift;
        framebuffer->BlueMaskSize = info.BlueSize;
        framebuffer->BlueMaskShift = info.BlueShift;
        var list = (LimineFramebuffer**)_out.Allocate((ulong)sizeof(void*));
        list[0] = _out.ToHhdm(framebuffer);
        var response = _out.New<LimineFramebufferResponse>();
        response->Revision = 1;
        response->FramebufferCount = 1;
        response->Framebuffers = (LimineFramebuffer**)_out.ToHhdm(list);
        request->Response = _out.ToHhdm(response);
    }

    private byte* FindRsdp()
    {
        if (_env.RsdpLength > 0)
        {
            // Multiboot 2 gives a copy inside its info; keep it in reclaimable memory.
            byte* copy = (byte*)_out.Allocate((ulong)_env.RsdpLength);
            for (int i = 0; i < _env.RsdpLength; i++)
                copy[i] = _env.RsdpCopy[i];
            return AcpiTables.IsRsdp(copy) ? copy : null;
        }
        return (byte*)AcpiTables.ScanForRsdp();
    }

    /// <summary>CPU records from the MADT; <see cref="Smp.ApStartup"/> then starts the application processors.</summary>
    private void AnswerSmp(LimineRequestHeader* request, byte* rsdp)
    {
        var lapicIds = new uint[AcpiTables.MaxCpus];
        var processorIds = new uint[AcpiTables.MaxCpus];
        int count = AcpiTables.ListCpus(rsdp, lapicIds, processorIds, out ulong lapicAddress);
        if (count == 0)
            return;
        var response = _out.New<LimineSmpResponse>();
        response->BspLapicId = Loader.BspLapicId(lapicAddress);
        response->CpuCount = (ulong)count;
        var list = (LimineSmpInfo**)_out.Allocate((ulong)count * (ulong)sizeof(void*));
        for (int i = 0; i < count; i++)
        {
            var cpu = _out.New<LimineSmpInfo>();
            cpu->ProcessorId = processorIds[i];
            cpu->LapicId = lapicIds[i];
            list[i] = _out.ToHhdm(cpu);
        }
        response->Cpus = (LimineSmpInfo**)_out.ToHhdm(list);
        request->Response = _out.ToHhdm(response);
        // Keep the loader's (physical) view of each record for starting the CPUs.
        var physical = (LimineSmpInfo**)_out.Allocate((ulong)count * (ulong)sizeof(void*));
        for (int i = 0; i < count; i++)
            physical[i] = (LimineSmpInfo*)((ulong)list[i] - _out.HhdmOffset);
        SmpCpus = physical;
        SmpCount = count;
        BspLapicId = response->BspLapicId;
        LapicAddress = lapicAddress;
    }

    /// <summary>
    /// The memory map: firmware ranges overlaid with the loader image and everything it allocated
    /// (bootloader reclaimable), the kernel and the modules. Its own storage is allocated first.
    /// </summary>
    public void AnswerMemoryMap(PhysicalBump memory, PhysicalRange[] occupied, int maxEntries)
    {
        LimineRequestHeader* request = FindRequest(LimineRequestId.MemoryMap2, LimineRequestId.MemoryMap3);
        if (request == null)
            return;
        var response = _out.New<LimineMemoryMapResponse>();
        var entries = (LimineMemoryMapEntry*)_out.Allocate((ulong)(maxEntries * sizeof(LimineMemoryMapEntry)));
        var pointers = (LimineMemoryMapEntry**)_out.Allocate((ulong)(maxEntries * sizeof(void*)));

        int inputCount = _env.RangeCount + occupied.Length + 4;
        var input = new PhysicalRange[inputCount];
        int n = 0;
        for (int i = 0; i < _env.RangeCount; i++)
            input[n++] = _env.Ranges[i];
        for (int i = 0; i < occupied.Length; i++)
            input[n++] = occupied[i];
        ulong used = (memory.Next + PhysicalBump.PageSize - 1) & ~(PhysicalBump.PageSize - 1);
        input[n++] = new PhysicalRange(memory.Base, used - memory.Base, LimineMemoryType.BootloaderReclaimable);
        input[n++] = new PhysicalRange(_kernelPhysical, _kernel.ImageEnd - _kernel.ImageStart, LimineMemoryType.KernelAndModules);
        if (_env.HasFramebuffer)
            input[n++] = new PhysicalRange(_env.Framebuffer.Address, (ulong)_env.Framebuffer.Pitch * _env.Framebuffer.Height, LimineMemoryType.Framebuffer);
        if (TrampolineUsed)
            input[n++] = new PhysicalRange(Smp.ApStartup.TrampolineBase, Smp.ApStartup.TrampolinePageSize, LimineMemoryType.BootloaderReclaimable);

        var map = new PhysicalRange[maxEntries];
        int count = MemoryMapBuilder.Build(input, n, map);
        for (int i = 0; i < count; i++)
        {
            entries[i].Base = map[i].Base;
            entries[i].Length = map[i].Length;
            entries[i].Type = map[i].Type;
            pointers[i] = _out.ToHhdm(&entries[i]);
        }
        response->EntryCount = (ulong)count;
        response->Entries = (LimineMemoryMapEntry**)_out.ToHhdm(pointers);
        request->Response = _out.ToHhdm(response);
    }
}
