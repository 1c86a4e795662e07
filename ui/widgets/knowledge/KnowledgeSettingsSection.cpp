#include "widgets/knowledge/KnowledgeSettingsSection.h"

#include "knowledge/KnowledgeEditService.h"

#include "ai/ModelEndpoint.h"
#include "engine/Engine.h"
#include "knowledge/DocumentImporter.h"
#include "knowledge/KnowledgeService.h"
#include "knowledge/KnowledgeSettings.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"
#include "widgets/knowledge/ChunkingFields.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace shopdesk {

KnowledgeSettingsSection::KnowledgeSettingsSection(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);

    auto *chunking = new QGroupBox(tr("Splitting documents into passages"), content);
    auto *chunkForm = new QFormLayout(chunking);
    m_chunking = new ChunkingFields(chunking, chunkForm);
    auto *chunkNote = new QLabel(tr("Applies to files imported from now on; import a file again "
                                    "to split it the new way. FAQ pairs always stay whole."),
                                 chunking);
    chunkNote->setWordWrap(true);
    chunkNote->setStyleSheet(QStringLiteral("color:#666;"));
    chunkForm->addRow(chunkNote);
    layout->addWidget(chunking);

    auto *answers = new QGroupBox(tr("Answers"), content);
    auto *answerForm = new QFormLayout(answers);
    m_threshold = new QDoubleSpinBox(answers);
    m_threshold->setObjectName(QStringLiteral("answerThreshold"));
    m_threshold->setRange(0.0, 1.0);
    m_threshold->setSingleStep(0.05);
    m_threshold->setDecimals(2);
    answerForm->addRow(tr("Hand the chat to a person below confidence"), m_threshold);
    layout->addWidget(answers);

    layout->addWidget(endpointBox(tr("Vectors (optional)"),
                                  tr("An OpenAI-compatible /embeddings endpoint finds passages by "
                                     "meaning as well as by words. Without it the bot uses words "
                                     "and spellings only."),
                                  m_embeddings));
    m_vectors = new QLabel(content);
    m_vectors->setObjectName(QStringLiteral("vectorStatus"));
    m_vectors->setStyleSheet(QStringLiteral("color:#555;"));
    layout->addWidget(m_vectors);
    layout->addWidget(endpointBox(tr("Written answers (optional)"),
                                  tr("An OpenAI-compatible chat endpoint (OpenAI, Ollama, "
                                     "llama.cpp, vLLM) writes answers from the passages found; an "
                                     "answer is sent only if it cites them. Phone numbers and "
                                     "names are masked before anything is sent."),
                                  m_chat));
    layout->addWidget(endpointBox(tr("Voice notes (optional)"),
                                  tr("An OpenAI-compatible /audio/transcriptions endpoint "
                                     "(whisper.cpp's server, faster-whisper, OpenAI) turns "
                                     "customers' voice notes into text the bot answers. The "
                                     "recording itself is sent: a server on this computer or "
                                     "network keeps it in the shop. Without one, voice notes go "
                                     "to a person."),
                                  m_transcription));
    m_transcription.url->setObjectName(QStringLiteral("voiceUrl"));
    m_transcription.model->setObjectName(QStringLiteral("voiceModel"));
    m_transcription.key->setObjectName(QStringLiteral("voiceKey"));
    auto *buttons = new QHBoxLayout;
    auto *saveButton = new QPushButton(tr("Save settings"), content);
    saveButton->setObjectName(QStringLiteral("saveKnowledgeSettings"));
    buttons->addStretch(1);
    buttons->addWidget(saveButton);
    layout->addLayout(buttons);
    layout->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll);

    connect(saveButton, &QPushButton::clicked, this, &KnowledgeSettingsSection::save);
    connect(&engine.knowledge(), &KnowledgeService::embeddingStatus, this,
            [this](qint64 tenantId, const QString &text, bool isError) {
                if (tenantId != m_tenantId)
                    return;
                m_vectors->setText(text);
                m_vectors->setStyleSheet(isError ? QStringLiteral("color:#b00020;")
                                                 : QStringLiteral("color:#555;"));
            });
}

QWidget *KnowledgeSettingsSection::endpointBox(const QString &title, const QString &hint,
                                               EndpointFields &fields)
{
    auto *box = new QGroupBox(title);
    auto *form = new QFormLayout(box);
    auto *note = new QLabel(hint, box);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color:#666;"));
    form->addRow(note);
    fields.url = new QLineEdit(box);
    fields.url->setPlaceholderText(QStringLiteral("http://127.0.0.1:11434/v1"));
    fields.model = new QLineEdit(box);
    fields.key = new QLineEdit(box);
    fields.key->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Server address"), fields.url);
    form->addRow(tr("Model"), fields.model);
    form->addRow(tr("API key"), fields.key);
    return box;
}

void KnowledgeSettingsSection::show(EndpointFields &fields, const ModelEndpoint &endpoint)
{
    fields.url->setText(endpoint.baseUrl);
    fields.model->setText(endpoint.model);
    fields.savedKey = endpoint.apiKey;
    fields.key->clear();
    fields.key->setPlaceholderText(endpoint.apiKey.isEmpty() ? tr("none")
                                                             : tr("saved (type to replace)"));
}

QString KnowledgeSettingsSection::json(const EndpointFields &fields, int timeoutMs)
{
    ModelEndpoint e;
    e.timeoutMs = timeoutMs;
    e.baseUrl = fields.url->text().trimmed();
    e.model = fields.model->text().trimmed();
    e.apiKey = fields.key->text().isEmpty() ? fields.savedKey : fields.key->text();
    return e.configured() ? e.toJson() : QString();
}

void KnowledgeSettingsSection::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    m_vectors->clear();
    m_engine.knowledgeEdits().setup(tenantId, this,
                                    [this](Result<KnowledgeEditService::Setup> loaded) {
                                        if (!loaded) {
                                            Q_EMIT message(loaded.error(), true);
                                            return;
                                        }
                                        m_chunking->set(loaded->chunking);
                                        m_threshold->setValue(loaded->knowledge.threshold);
                                        show(m_embeddings, loaded->knowledge.embeddings);
                                        show(m_chat, loaded->knowledge.chat);
                                        show(m_transcription, loaded->knowledge.transcription);
                                        Q_EMIT this->loaded();
                                    });
}

void KnowledgeSettingsSection::save()
{
    for (const EndpointFields *f : {&m_embeddings, &m_chat, &m_transcription}) {
        const QUrl url(f->url->text().trimmed());
        if (!f->url->text().trimmed().isEmpty() &&
            (!url.isValid() || !url.scheme().startsWith(QLatin1String("http")) ||
             f->model->text().trimmed().isEmpty())) {
            Q_EMIT message(tr("A model endpoint needs an http:// or https:// address and a model "
                              "name."),
                           true);
            return;
        }
    }
    const qint64 tenantId = m_tenantId;
    const QList<QPair<QString, QString>> values{
        {KnowledgeSettings::kChunkingKey, DocumentImporter::chunkingJson(m_chunking->value())},
        {KnowledgeSettings::kThresholdKey, QString::number(m_threshold->value(), 'f', 2)},
        {KnowledgeSettings::kEmbeddingsKey, json(m_embeddings)},
        {KnowledgeSettings::kChatKey, json(m_chat)},
        // A voice note takes longer to transcribe than a chat answer to write: a minute's limit.
        {KnowledgeSettings::kTranscriptionKey, json(m_transcription, 60000)}};
    m_engine.knowledgeEdits().saveSettings(tenantId, m_actor, values, this, [this](Status saved) {
        if (!saved) {
            Q_EMIT message(saved.error(), true);
            return;
        }
        Q_EMIT message(tr("Knowledge settings saved."), false);
        setTenant(m_tenantId);
        Q_EMIT this->saved();
    });
}

} // namespace shopdesk
