#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Libc.Unwind;

/// <summary>
/// lib/libc/Unwind: finding a method's FDE in an .eh_frame laid out as ilc writes it (a "zLR" CIE,
/// pc-relative 4-byte pointers) and following its rules from a frame to its caller, over a stack
/// built here. The system test "utest fatal" checks the same code on a real program.
/// </summary>
public unsafe class UnwindTests : IDisposable
{
    private const int TableBytes = 256;
    private const ulong MethodOffset = 0x1000, MethodLength = 0x40, LsdaOffset = 0x2000;
    private readonly byte* _table = (byte*)NativeMemory.AllocZeroed(TableBytes);
    private readonly byte* _end;

    // A method as ilc compiles one: push rbp (1 byte), mov rbp, rsp (3), push rbx (1), then its body.
    public UnwindTests()
    {
        var bytes = new List<byte>();
        // CIE: id 0, version 1, "zLR", code alignment 1, data alignment -8, return address r16,
        // augmentation data: LSDA and FDE pointers pc-relative signed 4 bytes; CFA = rsp + 8, r16 at CFA - 8.
        var cie = new List<byte> { 0, 0, 0, 0, 1, (byte)'z', (byte)'L', (byte)'R', 0, 1, 0x78, 16, 2, 0x1B, 0x1B, 0x0C, 7, 8, 0x90, 1 };
        while ((cie.Count + 4) % 8 != 0)
            cie.Add(0);   // DW_CFA_nop
        bytes.AddRange(BitConverter.GetBytes(cie.Count));
        bytes.AddRange(cie);
        int fdeStart = bytes.Count;
        var fde = new List<byte>();
        fde.AddRange(BitConverter.GetBytes(fdeStart + 4));   // back to the CIE's length field
        int pcBeginField = fdeStart + 4 + fde.Count;
        fde.AddRange(BitConverter.GetBytes((int)((long)MethodOffset - pcBeginField)));
        fde.AddRange(BitConverter.GetBytes((int)MethodLength));
        fde.Add(4);   // augmentation data: the LSDA pointer
        int lsdaField = fdeStart + 4 + fde.Count;
        fde.AddRange(BitConverter.GetBytes((int)((long)LsdaOffset - lsdaField)));
        fde.AddRange(new byte[]
        {
            0x41, 0x0E, 16, 0x86, 2,   // advance 1; CFA = rsp + 16; rbp at CFA - 16
            0x43, 0x0D, 6,             // advance 3; CFA = rbp + 16
            0x41, 0x83, 3,             // advance 1; rbx at CFA - 24
        });
        while ((fde.Count + 4) % 8 != 0)
            fde.Add(0);
        bytes.AddRange(BitConverter.GetBytes(fde.Count));
        bytes.AddRange(fde);
        Assert.True(bytes.Count + 4 <= TableBytes);
        Marshal.Copy(bytes.ToArray(), 0, (nint)_table, bytes.Count);   // a zero length follows: the terminator
        _end = _table + bytes.Count + 4;
    }

    public void Dispose() => NativeMemory.Free(_table);

    private ulong Method => (ulong)_table + MethodOffset;

    [Fact]
    public void TheFdeCoveringAnAddressIsFoundWithItsRangeAndLsda()
    {
        var frames = new EhFrame(_table, _end);
        Assert.True(frames.TryFind(Method, out FrameDescription description));
        Assert.Equal((Method, Method + MethodLength, (ulong)_table + LsdaOffset), (description.Start, description.End, description.Lsda));
        Assert.True(frames.TryFind(Method + MethodLength - 1, out _));
        Assert.False(frames.TryFind(Method + MethodLength, out _));
        Assert.False(frames.TryFind(Method - 1, out _));
        Assert.Equal(-8L, description.Common.DataAlignment);
        Assert.Equal(16, description.Common.ReturnAddressRegister);
    }

    [Fact]
    public void AtTheFirstInstructionTheReturnAddressIsOnTopOfTheStack()
    {
        ulong* stack = stackalloc ulong[4];
        stack[0] = 0x401234;   // the return address
        var registers = new FrameRegisters { Rsp = (ulong)stack, Rbp = 77, Rbx = 88 };
        Assert.True(new EhFrame(_table, _end).TryFind(Method, out FrameDescription description));
        Assert.True(CallFrameRules.Step(in description, Method, ref registers));
        Assert.Equal((0x401234UL, (ulong)(stack + 1), 77UL, 88UL), (registers.Rip, registers.Rsp, registers.Rbp, registers.Rbx));
    }

    [Fact]
    public void InTheBodyTheCallersRegistersComeBackFromTheFrame()
    {
        // Stack as the prologue leaves it: rbx, then the caller's rbp, then the return address.
        ulong* stack = stackalloc ulong[8];
        stack[2] = 0xB1;          // the caller's rbx (pushed last)
        stack[3] = 0xBB;          // the caller's rbp
        stack[4] = 0x402000;      // the return address
        var registers = new FrameRegisters { Rsp = (ulong)(stack + 1), Rbp = (ulong)(stack + 3), Rbx = 5, R12 = 12 };
        Assert.True(new EhFrame(_table, _end).TryFind(Method + 0x20, out FrameDescription description));
        Assert.True(CallFrameRules.Step(in description, Method + 0x20, ref registers));
        Assert.Equal(0x402000UL, registers.Rip);
        Assert.Equal((ulong)(stack + 5), registers.Rsp);
        Assert.Equal((0xBBUL, 0xB1UL, 12UL), (registers.Rbp, registers.Rbx, registers.R12));
    }

    [Fact]
    public void BetweenThePushAndTheFramePointerTheCfaIsStillOffTheStackPointer()
    {
        ulong* stack = stackalloc ulong[4];
        stack[0] = 0xCA11E5;    // the caller's rbp, just pushed
        stack[1] = 0x403000;    // the return address
        var registers = new FrameRegisters { Rsp = (ulong)stack, Rbp = 1 };
        Assert.True(new EhFrame(_table, _end).TryFind(Method + 1, out FrameDescription description));
        Assert.True(CallFrameRules.Step(in description, Method + 1, ref registers));
        Assert.Equal((0x403000UL, (ulong)(stack + 2), 0xCA11E5UL), (registers.Rip, registers.Rsp, registers.Rbp));
    }

    [Fact]
    public void AnInstructionOutsideTheRulesStopsTheWalk()
    {
        // Replace the FDE's first instruction with DW_CFA_def_cfa_expression (0x0F), which ilc never writes.
        Assert.True(new EhFrame(_table, _end).TryFind(Method, out FrameDescription description));
        *description.Instructions = 0x0F;
        ulong* stack = stackalloc ulong[2];
        var registers = new FrameRegisters { Rsp = (ulong)stack, Rip = 9 };
        Assert.False(CallFrameRules.Step(in description, Method + 0x20, ref registers));
        Assert.Equal(9UL, registers.Rip);
    }

    [Theory]
    [InlineData(new byte[] { 0x02 }, 2L)]
    [InlineData(new byte[] { 0x7F }, -1L)]
    [InlineData(new byte[] { 0x80, 0x7F }, -128L)]
    [InlineData(new byte[] { 0xE5, 0x8E, 0x26 }, 624485L)]
    public void SignedLeb128(byte[] encoded, long expected)
    {
        fixed (byte* start = encoded)
        {
            byte* p = start;
            Assert.Equal(expected, Leb128.ReadSigned(ref p));
            Assert.Equal(encoded.Length, (int)(p - start));
        }
    }

    // A table as build/Ocean.Image.targets writes one: count, {address, name offset, name length}, names.
    private static byte[] Table(params (ulong Address, string Name)[] methods)
    {
        var stream = new MemoryStream();
        var names = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write((ulong)methods.Length);
            foreach (var (address, name) in methods)
            {
                writer.Write(address);
                writer.Write((uint)names.Length);
                writer.Write((uint)name.Length);
                names.Write(System.Text.Encoding.ASCII.GetBytes(name));
            }
            writer.Write(names.ToArray());
        }
        return stream.ToArray();
    }

    private static string? Lookup(byte[] table, ulong address, out ulong offset)
    {
        fixed (byte* start = table)
        {
            var symbols = new SymbolTable(start, start + table.Length);
            offset = 0;
            return symbols.TryFind(address, out byte* name, out int length, out offset) ? System.Text.Encoding.ASCII.GetString(name, length) : null;
        }
    }

    [Fact]
    public void AnAddressIsNamedByTheMethodStartingAtOrBeforeIt()
    {
        byte[] table = Table((0x401000, "Main"), (0x401080, "Helper"), (0x401200, "Last"));
        Assert.Equal("Main", Lookup(table, 0x401000, out ulong offset));
        Assert.Equal(0UL, offset);
        Assert.Equal("Main", Lookup(table, 0x40107F, out offset));
        Assert.Equal(0x7FUL, offset);
        Assert.Equal("Helper", Lookup(table, 0x401080, out _));
        Assert.Equal("Last", Lookup(table, 0x409999, out offset));
        Assert.Equal(0x8799UL, offset);
        Assert.Null(Lookup(table, 0x400FFF, out _));
    }

    [Fact]
    public void AnEmptyOrCutTableNamesNothing()
    {
        Assert.Null(Lookup(Table(), 0x401000, out _));
        Assert.Null(Lookup(new byte[4], 0x401000, out _));
        byte[] cut = Table((0x401000, "Main"));
        Assert.Null(Lookup(cut[..^2], 0x401000, out _));   // the name runs past the end
    }
}

