using System.Text.Json;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Signing;
using Processor.Bitcoin.Tests.Support;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Secp256k1;

namespace Processor.Bitcoin.Tests.Signing;

/// <summary>BIP341's wallet test vectors: output scripts and addresses, and every key-path spend with its sighash and witness.</summary>
public sealed class Bip341VectorTests
{
    private static readonly JsonElement KeyPathSpending = VectorFiles.Bip341.GetProperty("keyPathSpending")[0];
    private static readonly Transaction UnsignedTransaction = Transaction.Parse(VectorFiles.Hex(KeyPathSpending.GetProperty("given").GetProperty("rawUnsignedTx")));

    private static readonly TxOut[] SpentOutputs = [.. KeyPathSpending.GetProperty("given").GetProperty("utxosSpent").EnumerateArray()
        .Select(u => new TxOut(u.GetProperty("amountSats").GetInt64(), VectorFiles.Hex(u.GetProperty("scriptPubKey"))))];

    public static TheoryData<int> ScriptPubKeyCases => [.. Enumerable.Range(0, VectorFiles.Bip341.GetProperty("scriptPubKey").GetArrayLength())];

    public static TheoryData<int> InputSpendingCases =>
        [.. Enumerable.Range(0, KeyPathSpending.GetProperty("inputSpending").GetArrayLength())];

    [Theory]
    [MemberData(nameof(ScriptPubKeyCases))]
    public void ScriptPubKeyVector_GivesTheScriptAndBech32mAddress(int index)
    {
        var vector = VectorFiles.Bip341.GetProperty("scriptPubKey")[index];
        var internalKey = VectorFiles.Hex(vector.GetProperty("given").GetProperty("internalPubkey"));
        var merkleRoot = vector.GetProperty("intermediary").GetProperty("merkleRoot") is { ValueKind: JsonValueKind.String } root
            ? VectorFiles.Hex(root)
            : [];

        var script = ScriptPubKeys.PayToTaproot(Taproot.OutputKey(internalKey, merkleRoot).XOnly);

        Assert.Equal(vector.GetProperty("expected").GetProperty("scriptPubKey").GetString(), Convert.ToHexStringLower(script));
        Assert.Equal(ScriptKind.PayToTaproot, ScriptPubKeys.Classify(script));
        Assert.Equal(
            vector.GetProperty("expected").GetProperty("bip350Address").GetString(),
            BitcoinAddress.FromScriptPubKey(script, BitcoinNetwork.Mainnet));
    }

    [Fact]
    public void KeyPathTransaction_PrecomputedHashesMatch()
    {
        var sighasher = new TaprootSighasher(UnsignedTransaction, SpentOutputs);
        var expected = KeyPathSpending.GetProperty("intermediary");

        Assert.Equal(expected.GetProperty("hashPrevouts").GetString(), Hex(sighasher.HashPrevouts));
        Assert.Equal(expected.GetProperty("hashAmounts").GetString(), Hex(sighasher.HashAmounts));
        Assert.Equal(expected.GetProperty("hashScriptPubkeys").GetString(), Hex(sighasher.HashScriptPubKeys));
        Assert.Equal(expected.GetProperty("hashSequences").GetString(), Hex(sighasher.HashSequences));
        Assert.Equal(expected.GetProperty("hashOutputs").GetString(), Hex(sighasher.HashOutputs));
    }

    [Theory]
    [MemberData(nameof(InputSpendingCases))]
    public void KeyPathInput_SigMsgAndSigHashMatch(int index)
    {
        var (given, intermediary, _) = Input(index);
        var sighasher = new TaprootSighasher(UnsignedTransaction, SpentOutputs);
        var inputIndex = given.GetProperty("txinIndex").GetInt32();
        var type = (SighashType)given.GetProperty("hashType").GetInt32();

        Assert.Equal(intermediary.GetProperty("sigMsg").GetString(), Convert.ToHexStringLower(sighasher.KeyPathSignatureMessage(inputIndex, type)));
        Assert.Equal(intermediary.GetProperty("sigHash").GetString(), Hex(sighasher.KeyPathSignatureHash(inputIndex, type)));
    }

    [Theory]
    [MemberData(nameof(InputSpendingCases))]
    public void KeyPathInput_TweakedKeySignsTheSigHashAsTheExpectedWitness(int index)
    {
        var (given, intermediary, expected) = Input(index);
        var secretKey = VectorFiles.Hex(given.GetProperty("internalPrivkey"));
        var merkleRoot = given.GetProperty("merkleRoot") is { ValueKind: JsonValueKind.String } root ? VectorFiles.Hex(root) : [];
        var inputIndex = given.GetProperty("txinIndex").GetInt32();
        var type = (SighashType)given.GetProperty("hashType").GetInt32();
        var sigHash = VectorFiles.Hex(intermediary.GetProperty("sigHash"));
        var outputKey = SpentOutputs[inputIndex].ScriptPubKey[2..].ToArray();

        Assert.Equal(intermediary.GetProperty("internalPubkey").GetString(), Convert.ToHexStringLower(Bip340.XOnlyPublicKey(secretKey)));
        Assert.Equal(intermediary.GetProperty("tweak").GetString(), Convert.ToHexStringLower(Taproot.Tweak(Bip340.XOnlyPublicKey(secretKey), merkleRoot)));
        var tweakedSecretKey = Taproot.OutputSecretKey(secretKey, merkleRoot);
        Assert.Equal(intermediary.GetProperty("tweakedPrivkey").GetString(), Convert.ToHexStringLower(tweakedSecretKey));

        // The witness is the signature, with the sighash type appended unless it is the default.
        var witness = VectorFiles.Hex(expected.GetProperty("witness")[0]);
        Assert.Equal(type == SighashType.Default ? 64 : 65, witness.Length);
        Assert.True(type == SighashType.Default || witness[64] == (byte)type);
        Assert.True(Bip340.Verify(witness.AsSpan(0, 64), sigHash, outputKey));
        Assert.Equal(Convert.ToHexStringLower(witness, 0, 64), Convert.ToHexStringLower(Bip340.Sign(tweakedSecretKey, sigHash, new byte[32])));
    }

    [Fact]
    public void SighashSingleWithoutAMatchingOutput_IsRejected()
    {
        var sighasher = new TaprootSighasher(UnsignedTransaction, SpentOutputs);

        var ex = Assert.Throws<ArgumentException>(() => sighasher.KeyPathSignatureHash(UnsignedTransaction.Outputs.Length, SighashType.Single));

        Assert.Contains("SIGHASH_SINGLE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedSighashType_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new TaprootSighasher(UnsignedTransaction, SpentOutputs).KeyPathSignatureHash(0, (SighashType)0x04));

    [Fact]
    public void Annex_ChangesTheSigHash()
    {
        var sighasher = new TaprootSighasher(UnsignedTransaction, SpentOutputs);

        Assert.NotEqual(sighasher.KeyPathSignatureHash(0, SighashType.Default), sighasher.KeyPathSignatureHash(0, SighashType.Default, [0x50, 1]));
    }

    private static (JsonElement Given, JsonElement Intermediary, JsonElement Expected) Input(int index)
    {
        var input = KeyPathSpending.GetProperty("inputSpending")[index];
        return (input.GetProperty("given"), input.GetProperty("intermediary"), input.GetProperty("expected"));
    }

    private static string Hex(Processor.Bitcoin.Hashing.Hash256 hash) => Convert.ToHexStringLower(hash.ToArray());
}
