#nullable enable
namespace Ocean.UnitTests;

using System.Runtime.InteropServices;
using Ocean.Libc.Unwind;

/// <summary>lib/libc/Unwind/EhClauses.cs: ilc's compressed integers and clause records, as a method and as one of its funclets sees them.</summary>
public unsafe class EhClausesTests
{
    [Theory]
    [InlineData(new byte[] { 0x0A }, 5UL)]
    [InlineData(new byte[] { 0x91, 0x01 }, 100UL)]
    [InlineData(new byte[] { 0x65, 0x04 }, 281UL)]            // (70 << 2) | finally: a clause seen in init
    [InlineData(new byte[] { 0x03, 0x71, 0x02 }, 20000UL)]
    [InlineData(new byte[] { 0x07, 0x48, 0xE8, 0x01 }, 2000000UL)]
    [InlineData(new byte[] { 0x0F, 0x78, 0x56, 0x34, 0x12 }, 0x12345678UL)]
    public void CompressedIntegers(byte[] encoded, ulong expected)
    {
        fixed (byte* start = encoded)
        {
            byte* p = start;
            Assert.Equal(expected, EhClauses.ReadCompressed(ref p));
            Assert.Equal(encoded.Length, (int)(p - start));
        }
    }

    // ilc's compressed integer in its one- or two-byte form.
    private static byte[] Compressed(uint value) =>
        value < 0x80 ? new[] { (byte)(value << 1) } : BitConverter.GetBytes((ushort)(value << 2 | 1));

    // A method's record (flags: has EH info; a relative pointer to its clauses), a funclet's record
    // (flags: a handler; a relative pointer to the method's record; its offset 0x50), and the clauses:
    // a typed catch over [0x10, 0x30) handled at 0x50, and a finally over [0x08, 0x40) at 0x60.
    private static byte[] Records(out int methodRecord, out int funcletRecord, out int typeField)
    {
        const int ClausePointer = 1, Funclet = 5, Clauses = 14;
        var bytes = new List<byte> { 0x04 };
        bytes.AddRange(BitConverter.GetBytes(Clauses - ClausePointer));
        bytes.Add(0x01);
        bytes.AddRange(BitConverter.GetBytes(0 - (Funclet + 1)));
        bytes.AddRange(BitConverter.GetBytes(0x50u));
        Assert.Equal(Clauses, bytes.Count);
        bytes.AddRange(Compressed(2));
        bytes.AddRange(Compressed(0x10));
        bytes.AddRange(Compressed(0x20 << 2 | (uint)EhClauseKind.Typed));
        bytes.AddRange(Compressed(0x50));
        typeField = bytes.Count;
        bytes.AddRange(BitConverter.GetBytes(0x100));   // the type: 0x100 past this field
        bytes.AddRange(Compressed(0x08));
        bytes.AddRange(Compressed(0x38 << 2 | (uint)EhClauseKind.Fault));
        bytes.AddRange(Compressed(0x60));
        methodRecord = 0;
        funcletRecord = Funclet;
        return bytes.ToArray();
    }

    private static List<(int Index, EhClauseKind Kind, ulong Handler, ulong Type)> Covering(byte[] records, int record, ulong start, ulong offset, out ulong methodStart)
    {
        var found = new List<(int, EhClauseKind, ulong, ulong)>();
        fixed (byte* p = records)
        {
            var description = new FrameDescription(start, start + 0x100, (ulong)(p + record), default, null, null);
            methodStart = 0;
            if (!EhClauses.TryRead(in description, out EhClauses clauses))
                return found;
            methodStart = clauses.MethodStart;
            EhClauses.Covering covering = clauses.ClausesCovering(offset);
            while (covering.Next(out EhClause clause))
                found.Add((clause.Index, clause.Kind, clause.HandlerOffset, clause.CatchType == null ? 0 : (ulong)clause.CatchType - (ulong)p));
        }
        return found;
    }

    [Fact]
    public void TheClausesCoveringAnOffsetComeInnermostFirst()
    {
        byte[] records = Records(out int method, out _, out int typeField);
        Assert.Equal(new[] { (0, EhClauseKind.Typed, 0x50UL, (ulong)typeField + 0x100), (1, EhClauseKind.Fault, 0x60UL, 0UL) },
            Covering(records, method, 0x400000, 0x20, out ulong start));
        Assert.Equal(0x400000UL, start);
        Assert.Equal(new[] { (1, EhClauseKind.Fault, 0x60UL, 0UL) }, Covering(records, method, 0x400000, 0x38, out _));
        Assert.Empty(Covering(records, method, 0x400000, 0x40, out _));
        Assert.Empty(Covering(records, method, 0x400000, 0x07, out _));
    }

    [Fact]
    public void AFuncletReadsItsMethodsClausesFromTheMethodsStart()
    {
        byte[] records = Records(out _, out int funclet, out _);
        Assert.Equal(2, Covering(records, funclet, 0x400050, 0x20, out ulong start).Count);
        Assert.Equal(0x400000UL, start);
    }
}
