namespace System;

/// <summary>
/// A non-negative integer of any size, as 32-bit blocks, least significant first: just what exact
/// floating-point text needs (a double's value is f × 2^e, so every conversion between it and
/// decimal is exact in integers of a few thousand bits). Operations change the number in place.
/// </summary>
internal sealed class BigNumber
{
    private uint[] _blocks;
    private int _length;   // blocks in use; the top one is not zero (0 has none)

    public BigNumber(ulong value)
    {
        _blocks = new uint[8];
        _blocks[0] = (uint)value;
        _blocks[1] = (uint)(value >> 32);
        _length = _blocks[1] != 0 ? 2 : _blocks[0] != 0 ? 1 : 0;
    }

    private BigNumber(uint[] blocks, int length)
    {
        _blocks = blocks;
        _length = length;
    }

    public bool IsZero => _length == 0;

    public BigNumber Clone()
    {
        var blocks = new uint[_blocks.Length];
        for (int i = 0; i < _length; i++)
            blocks[i] = _blocks[i];
        return new BigNumber(blocks, _length);
    }

    /// <summary>The number of bits up to the highest set one (0 for zero).</summary>
    public int BitLength
    {
        get
        {
            if (_length == 0)
                return 0;
            uint top = _blocks[_length - 1];
            int bits = 0;
            while (top != 0)
            {
                bits++;
                top >>= 1;
            }
            return (_length - 1) * 32 + bits;
        }
    }

    /// <summary>The lowest 64 bits.</summary>
    public ulong Low64 => (_length > 0 ? _blocks[0] : 0) | ((ulong)(_length > 1 ? _blocks[1] : 0) << 32);

    public void MultiplySmall(uint factor)
    {
        ulong carry = 0;
        for (int i = 0; i < _length; i++)
        {
            ulong product = (ulong)_blocks[i] * factor + carry;
            _blocks[i] = (uint)product;
            carry = product >> 32;
        }
        if (carry != 0)
            Append((uint)carry);
        if (factor == 0)
            _length = 0;
    }

    private const uint TenToTheNinth = 1_000_000_000;
    private const uint FiveToTheThirteenth = 1_220_703_125;

    public void MultiplyPowerOfTen(int exponent)
    {
        MultiplyPowerOfFive(exponent);
        ShiftLeft(exponent);
    }

    public void MultiplyPowerOfFive(int exponent)
    {
        for (; exponent >= 13; exponent -= 13)
            MultiplySmall(FiveToTheThirteenth);
        uint rest = 1;
        for (; exponent > 0; exponent--)
            rest *= 5;
        MultiplySmall(rest);
    }

    public void ShiftLeft(int bits)
    {
        if (_length == 0 || bits == 0)
            return;
        int blocks = bits / 32, shift = bits % 32;
        EnsureCapacity(_length + blocks + 1);
        _blocks[_length + blocks] = 0;
        for (int i = _length - 1; i >= 0; i--)
        {
            uint block = _blocks[i];
            if (shift != 0)
                _blocks[i + blocks + 1] |= block >> (32 - shift);
            _blocks[i + blocks] = block << shift;
        }
        for (int i = 0; i < blocks; i++)
            _blocks[i] = 0;
        _length += blocks + 1;
        Trim();
    }

    /// <summary>Divides by <paramref name="divisor"/> and returns the remainder.</summary>
    public uint DivideSmall(uint divisor)
    {
        ulong remainder = 0;
        for (int i = _length - 1; i >= 0; i--)
        {
            ulong part = (remainder << 32) | _blocks[i];
            _blocks[i] = (uint)(part / divisor);
            remainder = part % divisor;
        }
        Trim();
        return (uint)remainder;
    }

    public void Add(BigNumber other)
    {
        int length = _length > other._length ? _length : other._length;
        EnsureCapacity(length + 1);
        ulong carry = 0;
        for (int i = 0; i < length; i++)
        {
            ulong sum = (ulong)(i < _length ? _blocks[i] : 0) + (i < other._length ? other._blocks[i] : 0) + carry;
            _blocks[i] = (uint)sum;
            carry = sum >> 32;
        }
        _length = length;
        if (carry != 0)
            Append((uint)carry);
    }

    /// <summary>Subtracts <paramref name="other"/>, which must not be larger.</summary>
    public void Subtract(BigNumber other)
    {
        long borrow = 0;
        for (int i = 0; i < _length; i++)
        {
            long difference = (long)_blocks[i] - (i < other._length ? other._blocks[i] : 0) - borrow;
            borrow = difference < 0 ? 1 : 0;
            _blocks[i] = (uint)difference;
        }
        Trim();
    }

    public static int Compare(BigNumber a, BigNumber b)
    {
        if (a._length != b._length)
            return a._length < b._length ? -1 : 1;
        for (int i = a._length - 1; i >= 0; i--)
            if (a._blocks[i] != b._blocks[i])
                return a._blocks[i] < b._blocks[i] ? -1 : 1;
        return 0;
    }

    /// <summary>Compares a + b with c, without changing any of them.</summary>
    public static int CompareSum(BigNumber a, BigNumber b, BigNumber c)
    {
        BigNumber sum = a.Clone();
        sum.Add(b);
        return Compare(sum, c);
    }

    /// <summary>The decimal digits (no leading zeros; "0" for zero).</summary>
    public string ToDecimal()
    {
        if (_length == 0)
            return "0";
        BigNumber rest = Clone();
        var groups = new uint[_length * 32 / 29 + 2];   // 10^9 > 2^29
        int count = 0;
        while (!rest.IsZero)
            groups[count++] = rest.DivideSmall(TenToTheNinth);
        var digits = new char[count * 9];
        int at = 0;
        for (int g = count - 1; g >= 0; g--)
        {
            uint group = groups[g];
            for (int d = 8; d >= 0; d--)
            {
                digits[at + d] = (char)('0' + group % 10);
                group /= 10;
            }
            at += 9;
        }
        int start = 0;
        while (digits[start] == '0')
            start++;
        return new string(digits, start, digits.Length - start);
    }

    private void Append(uint block)
    {
        EnsureCapacity(_length + 1);
        _blocks[_length++] = block;
    }

    private void EnsureCapacity(int length)
    {
        if (length <= _blocks.Length)
            return;
        var blocks = new uint[length * 2];
        for (int i = 0; i < _length; i++)
            blocks[i] = _blocks[i];
        _blocks = blocks;
    }

    private void Trim()
    {
        while (_length > 0 && _blocks[_length - 1] == 0)
            _length--;
    }
}
