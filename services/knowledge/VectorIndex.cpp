#include "knowledge/VectorIndex.h"

#include <QtEndian>

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace shopdesk {

struct VectorIndex::Graph
{
    explicit Graph(int dim, size_t capacity)
        : space(size_t(dim))
        , hnsw(&space, capacity, 16, 200, 42)
    {}
    hnswlib::InnerProductSpace space;
    hnswlib::HierarchicalNSW<float> hnsw;
};

namespace {

bool normalize(float *v, int dim)
{
    double norm = 0;
    for (int i = 0; i < dim; ++i)
        norm += double(v[i]) * double(v[i]);
    if (norm <= 0)
        return false;
    const float inv = float(1.0 / std::sqrt(norm));
    for (int i = 0; i < dim; ++i)
        v[i] *= inv;
    return true;
}

} // namespace

VectorIndex::VectorIndex() = default;
VectorIndex::~VectorIndex() = default;

void VectorIndex::build(const QList<QPair<qint64, QVector<float>>> &vectors)
{
    m_graph.reset();
    m_ids.clear();
    m_flat.clear();
    m_dim = vectors.isEmpty() ? 0 : int(vectors.first().second.size());
    if (m_dim == 0)
        return;
    m_ids.reserve(vectors.size());
    m_flat.reserve(vectors.size() * m_dim);
    for (const auto &[id, v] : vectors) {
        if (v.size() != m_dim)
            continue;
        const qsizetype at = m_flat.size();
        m_flat.append(v);
        if (!normalize(m_flat.data() + at, m_dim)) {
            m_flat.resize(at);
            continue;
        }
        m_ids.append(id);
    }
    if (m_ids.size() < kExactBelow)
        return;
    m_graph = std::make_unique<Graph>(m_dim, size_t(m_ids.size()));
    m_graph->hnsw.setEf(64);
    for (qsizetype i = 0; i < m_ids.size(); ++i)
        m_graph->hnsw.addPoint(m_flat.constData() + i * m_dim, hnswlib::labeltype(i));
}

QList<QPair<qint64, double>> VectorIndex::search(const QVector<float> &query, int k) const
{
    QList<QPair<qint64, double>> out;
    if (m_ids.isEmpty() || query.size() != m_dim || k <= 0)
        return out;
    QVector<float> q = query;
    if (!normalize(q.data(), m_dim))
        return out;
    if (m_graph) {
        auto found = m_graph->hnsw.searchKnn(q.constData(), size_t(k));
        while (!found.empty()) { // farthest first
            const auto [distance, label] = found.top();
            out.prepend({m_ids.at(qsizetype(label)), 1.0 - double(distance)});
            found.pop();
        }
        return out;
    }
    QVector<QPair<double, qsizetype>> scored;
    scored.reserve(m_ids.size());
    for (qsizetype i = 0; i < m_ids.size(); ++i) {
        const float *v = m_flat.constData() + i * m_dim;
        double dot = 0;
        for (int d = 0; d < m_dim; ++d)
            dot += double(v[d]) * double(q[d]);
        scored.append({dot, i});
    }
    const qsizetype n = std::min<qsizetype>(k, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + n, scored.end(),
                      [](const auto &a, const auto &b) { return a.first > b.first; });
    for (qsizetype i = 0; i < n; ++i)
        out.append({m_ids.at(scored.at(i).second), scored.at(i).first});
    return out;
}

QByteArray VectorIndex::pack(const QVector<float> &v)
{
    QByteArray raw(v.size() * qsizetype(sizeof(float)), Qt::Uninitialized);
    for (qsizetype i = 0; i < v.size(); ++i)
        qToLittleEndian<float>(v.at(i), raw.data() + i * qsizetype(sizeof(float)));
    return raw;
}

QVector<float> VectorIndex::unpack(const QByteArray &raw)
{
    QVector<float> v;
    if (raw.isEmpty() || raw.size() % qsizetype(sizeof(float)) != 0)
        return v;
    v.resize(raw.size() / qsizetype(sizeof(float)));
    for (qsizetype i = 0; i < v.size(); ++i)
        v[i] = qFromLittleEndian<float>(raw.constData() + i * qsizetype(sizeof(float)));
    return v;
}

} // namespace shopdesk
