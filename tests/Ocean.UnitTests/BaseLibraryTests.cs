extern alias ocean;

namespace Ocean.UnitTests;

using OceanNumber = ocean::System.Number;
using OceanStringBuilder = ocean::System.Text.StringBuilder;

/// <summary>
/// The core library's collections, StringBuilder and number text (issue 19, step 8), compiled for
/// .NET from the very sources Ocean's programs use (project Ocean.BaseLibrary.Host, alias "ocean")
/// and driven beside .NET's own through the same random operations: contents, order, results and
/// the type of every exception must be the same after each step.
/// </summary>
public class BaseLibraryTests
{
    private const int Steps = 20_000;

    [Fact]
    public void ListMatchesDotNet()
    {
        var random = new Random(19);
        var ours = new ocean::System.Collections.Generic.List<int>();
        var theirs = new List<int>();
        for (int step = 0; step < Steps; step++)
        {
            int value = random.Next(64), index = random.Next(-1, theirs.Count + 2);
            switch (random.Next(12))
            {
                case 0 or 1 or 2:
                    ours.Add(value);
                    theirs.Add(value);
                    break;
                case 3:
                    Same(() => ours.Insert(index, value), () => theirs.Insert(index, value));
                    break;
                case 4:
                    Same(() => ours.RemoveAt(index), () => theirs.RemoveAt(index));
                    break;
                case 5:
                    Assert.Equal(theirs.Remove(value), ours.Remove(value));
                    break;
                case 6:
                    Assert.Equal(theirs.IndexOf(value), ours.IndexOf(value));
                    Assert.Equal(theirs.LastIndexOf(value), ours.LastIndexOf(value));
                    Assert.Equal(theirs.Contains(value), ours.Contains(value));
                    int rangeCount = random.Next(-1, 4);
                    Assert.Equal(Result(() => string.Join(",", theirs.GetRange(index, rangeCount))),
                                 Result(() => string.Join(",", ours.GetRange(index, rangeCount).ToArray())));
                    break;
                case 7:
                    Assert.Equal(Result(() => theirs[index]), Result(() => ours[index]));
                    Same(() => ours[index] = value, () => theirs[index] = value);
                    break;
                case 8:
                    int count = random.Next(-1, 4);
                    Same(() => ours.RemoveRange(index, count), () => theirs.RemoveRange(index, count));
                    break;
                case 9:
                    ours.Reverse();
                    theirs.Reverse();
                    break;
                case 10:
                    ours.Sort();
                    theirs.Sort();
                    break;
                case 11 when random.Next(50) == 0:
                    ours.Clear();
                    theirs.Clear();
                    break;
            }
            Assert.Equal(theirs.Count, ours.Count);
            Assert.Equal(theirs, ours);
        }
        Assert.Equal(theirs.ToArray(), ours.ToArray());
    }

    [Fact]
    public void ListFunctionsMatchDotNet()
    {
        var random = new Random(24);
        for (int round = 0; round < 500; round++)
        {
            var ours = new ocean::System.Collections.Generic.List<int>();
            var theirs = new List<int>();
            for (int i = random.Next(40); i > 0; i--)
            {
                int value = random.Next(100);
                ours.Add(value);
                theirs.Add(value);
            }
            int limit = random.Next(100), divisor = random.Next(1, 5);
            Predicate<int> match = n => n % divisor == 0 && n < limit;
            Assert.Equal(theirs.Find(match), ours.Find(match));
            Assert.Equal(theirs.FindLast(match), ours.FindLast(match));
            Assert.Equal(theirs.FindIndex(match), ours.FindIndex(match));
            Assert.Equal(theirs.FindAll(match), ours.FindAll(match));
            Assert.Equal(theirs.Exists(match), ours.Exists(match));
            Assert.Equal(theirs.TrueForAll(match), ours.TrueForAll(match));
            Assert.Equal(theirs.ConvertAll(n => n * 3 - limit), ours.ConvertAll(n => n * 3 - limit));
            int theirSum = 0, ourSum = 0;
            theirs.ForEach(n => theirSum += n);
            ours.ForEach(n => ourSum += n);
            Assert.Equal(theirSum, ourSum);
            Assert.Equal(theirs.RemoveAll(match), ours.RemoveAll(match));
            Assert.Equal(theirs, ours);
            // A total order, so the stable and the unstable sort agree.
            theirs.Sort((a, b) => b.CompareTo(a));
            ours.Sort((a, b) => b.CompareTo(a));
            Assert.Equal(theirs, ours);
        }
        var list = new ocean::System.Collections.Generic.List<int> { 1, 2 };
        Assert.Throws<InvalidOperationException>(() => list.ForEach(n => list.Add(n)));
        Assert.Throws<ArgumentNullException>(() => list.Find(null));
    }

    [Fact]
    public void ListSortsByAComparerAndNoticesChangesDuringAWalk()
    {
        var ours = new ocean::System.Collections.Generic.List<string> { "pear", "Fig", "apple", "kiwi", "banana" };
        var theirs = new List<string> { "pear", "Fig", "apple", "kiwi", "banana" };
        ours.Sort(new ByLength());
        theirs.Sort(new ByLength());
        Assert.Equal(theirs, ours);
        // Ocean's strings sort ordinally ("Fig" before "apple"); .NET's default order is the culture's.
        ours.Sort(StringComparer.Ordinal);
        theirs.Sort(StringComparer.Ordinal);
        Assert.Equal(theirs, ours);
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (string fruit in ours)
                ours.Add(fruit);
        });
    }

    [Fact]
    public void DictionaryMatchesDotNetInOrderToo()
    {
        var random = new Random(20);
        var ours = new ocean::System.Collections.Generic.Dictionary<string, int>();
        var theirs = new Dictionary<string, int>();
        for (int step = 0; step < Steps; step++)
        {
            string key = "k" + random.Next(300);
            int value = random.Next();
            switch (random.Next(8))
            {
                case 0 or 1:
                    Same(() => ours.Add(key, value), () => theirs.Add(key, value));
                    break;
                case 2:
                    Assert.Equal(theirs.TryAdd(key, value), ours.TryAdd(key, value));
                    break;
                case 3:
                    ours[key] = value;
                    theirs[key] = value;
                    break;
                case 4 or 5:
                    Assert.Equal(theirs.Remove(key, out int theirValue), ours.Remove(key, out int ourValue));
                    Assert.Equal(theirValue, ourValue);
                    break;
                case 6:
                    Assert.Equal(theirs.TryGetValue(key, out int found), ours.TryGetValue(key, out int ourFound));
                    Assert.Equal(found, ourFound);
                    Assert.Equal(Result(() => theirs[key]), Result(() => ours[key]));
                    Assert.Equal(theirs.ContainsKey(key), ours.ContainsKey(key));
                    break;
                case 7 when random.Next(100) == 0:
                    ours.Clear();
                    theirs.Clear();
                    break;
            }
            Assert.Equal(theirs.Count, ours.Count);
            if (step % 97 == 0)
            {
                Assert.Equal(theirs.Select(pair => (pair.Key, pair.Value)), ours.Select(pair => (pair.Key, pair.Value)));
                Assert.Equal(theirs.Keys, ours.Keys);
                Assert.Equal(theirs.Values, ours.Values);
            }
        }
    }

    [Fact]
    public void DictionaryUsesTheComparerItIsGivenAndRefusesNullKeys()
    {
        var ours = new ocean::System.Collections.Generic.Dictionary<string, int>(new IgnoringCase());
        ours["Ocean"] = 1;
        ours["OCEAN"] = 2;
        Assert.Single(ours);
        Assert.Equal(2, ours["ocean"]);
        Assert.True(ours.ContainsValue(2));
        Assert.Throws<ArgumentNullException>(() => ours[null] = 3);
        Assert.Throws<KeyNotFoundException>(() => ours["sea"]);
        // Removing while walking is allowed, as in .NET; adding is not.
        var walked = new ocean::System.Collections.Generic.Dictionary<int, int>();
        for (int i = 0; i < 10; i++)
            walked[i] = i;
        foreach (var pair in walked)
            walked.Remove(pair.Key);
        Assert.Empty(walked);
        walked[1] = 1;
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var pair in walked)
                walked[pair.Key + 1] = 0;
        });
    }

    [Fact]
    public void HashSetQueueAndStackMatchDotNet()
    {
        var random = new Random(21);
        var ourSet = new ocean::System.Collections.Generic.HashSet<int>();
        var theirSet = new HashSet<int>();
        var ourQueue = new ocean::System.Collections.Generic.Queue<int>();
        var theirQueue = new Queue<int>();
        var ourStack = new ocean::System.Collections.Generic.Stack<int>();
        var theirStack = new Stack<int>();
        for (int step = 0; step < Steps; step++)
        {
            int value = random.Next(200);
            bool grow = random.Next(5) < 3;
            Assert.Equal(grow ? theirSet.Add(value) : theirSet.Remove(value), grow ? ourSet.Add(value) : ourSet.Remove(value));
            Assert.Equal(theirSet.Contains(value), ourSet.Contains(value));
            if (grow)
            {
                ourQueue.Enqueue(value);
                theirQueue.Enqueue(value);
                ourStack.Push(value);
                theirStack.Push(value);
            }
            else
            {
                Assert.Equal(Result(() => theirQueue.Dequeue()), Result(() => ourQueue.Dequeue()));
                Assert.Equal(Result(() => theirStack.Pop()), Result(() => ourStack.Pop()));
            }
            Assert.Equal(Result(() => theirQueue.Peek()), Result(() => ourQueue.Peek()));
            Assert.Equal(Result(() => theirStack.Peek()), Result(() => ourStack.Peek()));
            if (step % 89 == 0)
            {
                Assert.Equal(theirSet.ToArray(), ourSet.ToArray());   // the same order too
                Assert.Equal(theirQueue, ourQueue);
                Assert.Equal(theirStack, ourStack);
                Assert.Equal(theirStack.ToArray(), ourStack.ToArray());
                Assert.Equal(theirQueue.Contains(value), ourQueue.Contains(value));
            }
        }
    }

    [Fact]
    public void StringBuilderMatchesDotNet()
    {
        var random = new Random(22);
        var ours = new OceanStringBuilder();
        var theirs = new System.Text.StringBuilder();
        string[] words = ["", "a", "sea", "Ocean", "waves and tides", "x"];
        for (int step = 0; step < Steps; step++)
        {
            string word = words[random.Next(words.Length)];
            int index = random.Next(-1, theirs.Length + 2), count = random.Next(-1, 5);
            switch (random.Next(11))
            {
                case 0 or 1:
                    ours.Append(word);
                    theirs.Append(word);
                    break;
                case 2:
                    ours.Append(word[0..]).Append((char)('a' + count + 1), count + 1);
                    theirs.Append(word[0..]).Append((char)('a' + count + 1), count + 1);
                    break;
                case 3:
                    long number = random.NextInt64(long.MinValue, long.MaxValue);
                    ours.Append(number).Append(-index).Append(true).Append((ulong)number);
                    theirs.Append(number).Append(-index).Append(true).Append((ulong)number);
                    break;
                case 4:
                    Same(() => ours.Insert(index, word), () => theirs.Insert(index, word));
                    break;
                case 5:
                    Same(() => ours.Remove(index, count), () => theirs.Remove(index, count));
                    break;
                case 6:
                    ours.Replace('a', 'e');
                    theirs.Replace('a', 'e');
                    break;
                case 7 when word.Length > 0:
                    ours.Replace(word, "<" + word + ">");
                    theirs.Replace(word, "<" + word + ">");
                    break;
                case 8:
                    ours.AppendLine(word);
                    theirs.Append(word).Append('\n');
                    break;
                case 9 when theirs.Length > 0:
                    int at = random.Next(theirs.Length);
                    Assert.Equal(theirs[at], ours[at]);
                    Assert.Equal(Result(() => theirs.ToString(at, count)), Result(() => ours.ToString(at, count)));
                    break;
                case 10:
                    int length = random.Next(theirs.Length + 3);
                    ours.Length = length;
                    theirs.Length = length;
                    break;
            }
            if (theirs.Length > 4096)
            {
                ours.Clear();
                theirs.Clear();
            }
            Assert.Equal(theirs.ToString(), ours.ToString());
        }
    }

    [Fact]
    public void NumbersAreWrittenAsDotNetWritesThem()
    {
        var random = new Random(23);
        long[] edges = [0, 1, -1, 9, 10, -10, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue];
        foreach (long value in edges)
        {
            Assert.Equal(value.ToString(), OceanNumber.Format(value));
            Assert.Equal(((ulong)value).ToString(), OceanNumber.Format((ulong)value));
        }
        for (int i = 0; i < Steps; i++)
        {
            long value = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            Assert.Equal(value.ToString(), OceanNumber.Format(value));
            Assert.Equal(((ulong)value).ToString(), OceanNumber.Format((ulong)value));
        }
    }

    [Fact]
    public void NumbersAreFormattedAsDotNetFormatsThem()
    {
        var random = new Random(25);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string[] formats = [null, "", "D", "d", "D1", "D5", "D12", "X", "x", "X2", "x8", "X16", "N", "N0", "n1", "N3", "G", "g"];
        for (int i = 0; i < Steps; i++)
        {
            long value = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            string format = formats[random.Next(formats.Length)];
            Assert.Equal(value.ToString(format, invariant), OceanNumber.Format(value, format, sizeof(long)));
            Assert.Equal(((ulong)value).ToString(format, invariant), OceanNumber.Format((ulong)value, format, sizeof(ulong)));
            Assert.Equal(((int)value).ToString(format, invariant), OceanNumber.Format((int)value, format, sizeof(int)));
            Assert.Equal(((uint)value).ToString(format, invariant), OceanNumber.Format((uint)value, format, sizeof(uint)));
            Assert.Equal(((short)value).ToString(format, invariant), OceanNumber.Format((short)value, format, sizeof(short)));
            Assert.Equal(((sbyte)value).ToString(format, invariant), OceanNumber.Format((sbyte)value, format, sizeof(sbyte)));
            Assert.Equal(((byte)value).ToString(format, invariant), OceanNumber.Format((byte)value, format, sizeof(byte)));
        }
        Assert.Throws<FormatException>(() => OceanNumber.Format(5L, "Q", sizeof(long)));
        Assert.Throws<FormatException>(() => OceanNumber.Format(5L, "D-1", sizeof(long)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("42")]
    [InlineData(" 12 ")]
    [InlineData("\t7\n")]
    [InlineData("+5")]
    [InlineData("-5")]
    [InlineData("-0")]
    [InlineData("007")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-")]
    [InlineData("+-1")]
    [InlineData("1 2")]
    [InlineData("12a")]
    [InlineData("0x10")]
    [InlineData("1,000")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999999")]
    public void NumbersAreReadAsDotNetReadsThem(string text)
    {
        Assert.Equal(long.TryParse(text, out long theirs), OceanNumber.TryParse(text, out long ours));
        Assert.Equal(theirs, ours);
        Assert.Equal(ulong.TryParse(text, out ulong theirUnsigned), OceanNumber.TryParse(text, out ulong ourUnsigned));
        Assert.Equal(theirUnsigned, ourUnsigned);
    }

    // Runs both; they must both succeed or both throw the same type of exception.
    private static void Same(Action ours, Action theirs) =>
        Assert.Equal(Record.Exception(theirs)?.GetType(), Record.Exception(ours)?.GetType());

    // A value, or the type of the exception getting it threw.
    private static object Result<T>(Func<T> get)
    {
        try
        {
            return get();
        }
        catch (Exception e)
        {
            return e.GetType();
        }
    }

    private sealed class ByLength : IComparer<string>
    {
        public int Compare(string x, string y) => x.Length != y.Length ? x.Length - y.Length : string.CompareOrdinal(x, y);
    }

    private sealed class IgnoringCase : IEqualityComparer<string>
    {
        public bool Equals(string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(string obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(obj);
    }
}
