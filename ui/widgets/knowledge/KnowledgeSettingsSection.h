#pragma once

#include "ai/ModelEndpoint.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace shopdesk {

class ChunkingFields;
class Engine;

// How the store's knowledge is split and answered: chunking for new imports, the confidence
// below which the bot hands over, and the optional OpenAI-compatible endpoints for vectors and
// for written answers (keys are kept, never shown again).
class KnowledgeSettingsSection : public QWidget
{
    Q_OBJECT
public:
    explicit KnowledgeSettingsSection(Engine &engine, QWidget *parent = nullptr);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves: the engine checks
    void setTenant(qint64 tenantId);
    QDoubleSpinBox *thresholdBox() const { return m_threshold; }
    void save();

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();

private:
    struct EndpointFields
    {
        QLineEdit *url = nullptr;
        QLineEdit *model = nullptr;
        QLineEdit *key = nullptr;
        QString savedKey;
    };
    QWidget *endpointBox(const QString &title, const QString &hint, EndpointFields &fields);
    static void show(EndpointFields &fields, const ModelEndpoint &endpoint);
    static QString json(const EndpointFields &fields, int timeoutMs = ModelEndpoint().timeoutMs);

    Engine &m_engine;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    ChunkingFields *m_chunking = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    EndpointFields m_embeddings;
    EndpointFields m_chat;
    EndpointFields m_transcription;
    QLabel *m_vectors = nullptr;
};

} // namespace shopdesk
