#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QVector>

#include <memory>

namespace shopdesk {

// Nearest passages by cosine similarity of their embeddings. Exact below kExactBelow vectors
// (a shop's knowledge: exact is fast and never misses); above it, an HNSW graph from hnswlib.
// Built once per knowledge revision; searched on one thread.
class VectorIndex
{
public:
    static constexpr int kExactBelow = 5000;

    VectorIndex();
    ~VectorIndex();
    VectorIndex(const VectorIndex &) = delete;
    VectorIndex &operator=(const VectorIndex &) = delete;

    // Vectors of another length than the first are skipped (a model changed half-way).
    void build(const QList<QPair<qint64, QVector<float>>> &vectors);
    // (id, cosine similarity), most similar first.
    QList<QPair<qint64, double>> search(const QVector<float> &query, int k) const;
    int size() const { return int(m_ids.size()); }
    int dimension() const { return m_dim; }
    bool usesGraph() const { return m_graph != nullptr; }

    static QByteArray pack(const QVector<float> &v);     // little-endian float32
    static QVector<float> unpack(const QByteArray &raw); // empty if malformed

private:
    struct Graph;
    int m_dim = 0;
    QVector<qint64> m_ids;
    QVector<float> m_flat; // normalized, m_dim per vector
    std::unique_ptr<Graph> m_graph;
};

} // namespace shopdesk
