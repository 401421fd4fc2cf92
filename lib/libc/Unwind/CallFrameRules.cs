namespace Ocean.Libc.Unwind;

/// <summary>
/// The registers an unwinder carries from a frame to its caller's: where the frame is (its
/// instruction and stack pointers) and the registers the System V ABI has a callee preserve. The
/// field order is OceanCaptureRegisters' (lib/libc/arch/x86_64/Unwind.asm).
/// </summary>
public struct FrameRegisters
{
    public ulong Rip, Rsp, Rbx, Rbp, R12, R13, R14, R15;
}

/// <summary>
/// Runs a frame's DWARF call-frame instructions (the CIE's initial ones, then the FDE's up to the
/// frame's instruction) and moves <see cref="FrameRegisters"/> to the caller: the canonical frame
/// address (CFA) is a register plus an offset, the return address and each saved register sit at an
/// offset from it, and the caller's stack pointer is the CFA. ilc's rules use only a few instructions
/// (advance, def_cfa and its variants, offset); the rest of DWARF's common set is understood too, and
/// anything else stops the walk. Host tests compile this file as it is.
/// </summary>
public static unsafe class CallFrameRules
{
    // DWARF's x86-64 register numbers: the ones a rule may name here.
    private const int Rbx = 3, Rbp = 6, Rsp = 7, R12 = 12, R13 = 13, R14 = 14, R15 = 15, ReturnAddress = 16;
    private const int RegisterCount = 17;
    private const int MaxRememberedStates = 4;

    // Where each register is saved: at CFA + offset when Saved, else unchanged (same value).
    private struct Rules
    {
        public int CfaRegister;
        public long CfaOffset;
        public fixed long Offsets[RegisterCount];
        public fixed bool Saved[RegisterCount];
    }

    /// <summary>
    /// Moves <paramref name="registers"/> from the frame that <paramref name="description"/> covers to
    /// its caller's. <paramref name="location"/> is the instruction the frame is at: a return address
    /// minus one (the call it made), or a faulting instruction itself. False, with the registers
    /// unchanged, when the rules cannot be followed.
    /// </summary>
    public static bool Step(in FrameDescription description, ulong location, ref FrameRegisters registers)
    {
        Rules rules = default;
        rules.CfaRegister = -1;
        CommonInformation common = description.Common;
        if (!Run(common.Instructions, common.InstructionsEnd, in common, description.Start, ulong.MaxValue, ref rules, ref rules))
            return false;
        Rules initial = rules;
        if (!Run(description.Instructions, description.InstructionsEnd, in common, description.Start, location, ref rules, ref initial))
            return false;

        ulong cfa;
        if (rules.CfaRegister == Rsp)
            cfa = registers.Rsp;
        else if (rules.CfaRegister == Rbp)
            cfa = registers.Rbp;
        else if (!TryRead(in registers, rules.CfaRegister, out cfa))
            return false;
        cfa = (ulong)((long)cfa + rules.CfaOffset);
        if (!rules.Saved[ReturnAddress])
            return false;

        FrameRegisters caller = registers;
        caller.Rip = *(ulong*)(cfa + (ulong)rules.Offsets[ReturnAddress]);
        caller.Rsp = cfa;
        if (rules.Saved[Rbx]) caller.Rbx = *(ulong*)(cfa + (ulong)rules.Offsets[Rbx]);
        if (rules.Saved[Rbp]) caller.Rbp = *(ulong*)(cfa + (ulong)rules.Offsets[Rbp]);
        if (rules.Saved[R12]) caller.R12 = *(ulong*)(cfa + (ulong)rules.Offsets[R12]);
        if (rules.Saved[R13]) caller.R13 = *(ulong*)(cfa + (ulong)rules.Offsets[R13]);
        if (rules.Saved[R14]) caller.R14 = *(ulong*)(cfa + (ulong)rules.Offsets[R14]);
        if (rules.Saved[R15]) caller.R15 = *(ulong*)(cfa + (ulong)rules.Offsets[R15]);
        registers = caller;
        return true;
    }

    private static bool TryRead(in FrameRegisters registers, int register, out ulong value)
    {
        value = register switch
        {
            Rbx => registers.Rbx,
            R12 => registers.R12,
            R13 => registers.R13,
            R14 => registers.R14,
            R15 => registers.R15,
            _ => 0,
        };
        return register == Rbx || register >= R12 && register <= R15;
    }

    // Runs instructions from start (the code address `address` stands at), stopping before any advance
    // past `location`; `initial` is what DW_CFA_restore goes back to.
    private static bool Run(byte* p, byte* end, in CommonInformation common, ulong address, ulong location, ref Rules rules, ref Rules initial)
    {
        Rules* remembered = stackalloc Rules[MaxRememberedStates];
        int depth = 0;
        while (p < end)
        {
            byte opcode = *p++;
            int operand = opcode & 0x3F;
            switch (opcode >> 6)
            {
                case 1:   // advance_loc
                    address += (ulong)operand * common.CodeAlignment;
                    if (address > location)
                        return true;
                    continue;
                case 2:   // offset
                    if (!Save(ref rules, operand, (long)Leb128.ReadUnsigned(ref p) * common.DataAlignment))
                        return false;
                    continue;
                case 3:   // restore
                    if (operand >= RegisterCount)
                        return false;
                    rules.Saved[operand] = initial.Saved[operand];
                    rules.Offsets[operand] = initial.Offsets[operand];
                    continue;
            }
            ulong advance = 0;
            switch (opcode)
            {
                case 0x00:   // nop
                    break;
                case 0x02:   // advance_loc1
                    advance = *p++;
                    break;
                case 0x03:   // advance_loc2
                    advance = *(ushort*)p;
                    p += 2;
                    break;
                case 0x04:   // advance_loc4
                    advance = *(uint*)p;
                    p += 4;
                    break;
                case 0x05:   // offset_extended
                {
                    int register = (int)Leb128.ReadUnsigned(ref p);
                    if (!Save(ref rules, register, (long)Leb128.ReadUnsigned(ref p) * common.DataAlignment))
                        return false;
                    break;
                }
                case 0x07:   // undefined
                case 0x08:   // same_value
                {
                    ulong register = Leb128.ReadUnsigned(ref p);
                    if (register >= RegisterCount)
                        return false;
                    rules.Saved[register] = false;
                    break;
                }
                case 0x0A:   // remember_state
                    if (depth == MaxRememberedStates)
                        return false;
                    remembered[depth++] = rules;
                    break;
                case 0x0B:   // restore_state
                    if (depth == 0)
                        return false;
                    rules = remembered[--depth];
                    break;
                case 0x0C:   // def_cfa
                    rules.CfaRegister = (int)Leb128.ReadUnsigned(ref p);
                    rules.CfaOffset = (long)Leb128.ReadUnsigned(ref p);
                    break;
                case 0x0D:   // def_cfa_register
                    rules.CfaRegister = (int)Leb128.ReadUnsigned(ref p);
                    break;
                case 0x0E:   // def_cfa_offset
                    rules.CfaOffset = (long)Leb128.ReadUnsigned(ref p);
                    break;
                case 0x11:   // offset_extended_sf
                {
                    int register = (int)Leb128.ReadUnsigned(ref p);
                    if (!Save(ref rules, register, Leb128.ReadSigned(ref p) * common.DataAlignment))
                        return false;
                    break;
                }
                case 0x12:   // def_cfa_sf
                    rules.CfaRegister = (int)Leb128.ReadUnsigned(ref p);
                    rules.CfaOffset = Leb128.ReadSigned(ref p) * common.DataAlignment;
                    break;
                case 0x13:   // def_cfa_offset_sf
                    rules.CfaOffset = Leb128.ReadSigned(ref p) * common.DataAlignment;
                    break;
                case 0x2E:   // GNU_args_size: the stack's outgoing arguments, nothing to restore
                    Leb128.ReadUnsigned(ref p);
                    break;
                default:
                    return false;   // set_loc, expressions, register rules: not what ilc writes
            }
            if (advance != 0)
            {
                address += advance * common.CodeAlignment;
                if (address > location)
                    return true;
            }
        }
        return true;
    }

    private static bool Save(ref Rules rules, int register, long offset)
    {
        if (register < 0 || register >= RegisterCount)
            return false;
        rules.Saved[register] = true;
        rules.Offsets[register] = offset;
        return true;
    }
}
