namespace Processor.Monero.Transactions;

/// <summary>RingCT signature types (<c>rct::RCTType*</c>). This library parses <see cref="Null"/>, <see cref="Clsag"/> and <see cref="BulletproofPlus"/>.</summary>
public enum RctType : byte
{
    /// <summary>No RingCT data: a v2 coinbase.</summary>
    Null = 0,

    /// <summary>MLSAG, Borromean (not parsed here).</summary>
    Full = 1,

    /// <summary>MLSAG, Borromean, per-input pseudo-outs (not parsed here).</summary>
    Simple = 2,

    /// <summary>MLSAG, Bulletproofs (not parsed here).</summary>
    Bulletproof = 3,

    /// <summary>MLSAG, Bulletproofs, compact amounts (not parsed here).</summary>
    Bulletproof2 = 4,

    /// <summary>CLSAG and Bulletproofs, compact amounts (hard fork 13).</summary>
    Clsag = 5,

    /// <summary>CLSAG and Bulletproofs+, compact amounts (hard fork 15 on; what regtest and Serai use).</summary>
    BulletproofPlus = 6,
}
