<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>CollectionPane</name>
    <message>
      <source>Narrate all</source>
      <translation>全部生成旁白</translation>
    </message>
    <message>
      <source>Speak every missing or stale narration of the project in the background</source>
      <translation>在后台为项目中所有缺失或过期的旁白生成语音</translation>
    </message>
  </context>
  <context>
    <name>NarrationPanel</name>
    <message>
      <source>Narration</source>
      <translation>旁白</translation>
    </message>
    <message>
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <source>Save text</source>
      <translation>保存文本</translation>
    </message>
    <message>
      <source>Keep this text as the narration (the clip becomes stale)</source>
      <translation>以此文本作为旁白（现有音频将标记为过期）</translation>
    </message>
    <message>
      <source>Use the catalog script</source>
      <translation>使用藏品目录生成的讲稿</translation>
    </message>
    <message>
      <source>Forget the written text; speak the script composed from the catalog</source>
      <translation>放弃手写文本，改读由藏品目录生成的讲稿</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>播放</translation>
    </message>
    <message>
      <source>Play in the system player</source>
      <translation>用系统播放器播放</translation>
    </message>
    <message>
      <source>This studio has no audio player of its own (QtMultimedia is not installed): the clip opens in the system's player.</source>
      <translation>本工作室没有内置音频播放器（未安装 QtMultimedia）：音频将在系统播放器中打开。</translation>
    </message>
    <message>
      <source>Regenerate</source>
      <translation>重新生成</translation>
    </message>
    <message>
      <source>Speak the text again with the chosen voice (in the background)</source>
      <translation>用所选语音重新朗读此文本（在后台进行）</translation>
    </message>
    <message>
      <source>Import recording…</source>
      <translation>导入录音…</translation>
    </message>
    <message>
      <source>Stale: the text changed since this clip was made — regenerate it</source>
      <translation>已过期：音频生成后文本已修改——请重新生成</translation>
    </message>
    <message>
      <source>No audio yet</source>
      <translation>尚无音频</translation>
    </message>
    <message>
      <source>Speech</source>
      <translation>合成语音</translation>
    </message>
    <message>
      <source>Recording</source>
      <translation>录音</translation>
    </message>
    <message>
      <source>{0}, {1:.1f} s</source>
      <translation>{0}，{1:.1f} 秒</translation>
    </message>
    <message>
      <source>Speaking {0}</source>
      <translation>正在朗读 {0}</translation>
    </message>
    <message>
      <source>Import a recording</source>
      <translation>导入录音</translation>
    </message>
    <message>
      <source>Recordings ({0})</source>
      <translation>录音（{0}）</translation>
    </message>
    <message>
      <source>Importing {0}</source>
      <translation>正在导入 {0}</translation>
    </message>
    <message>
      <source>Narrating the whole project</source>
      <translation>正在为整个项目生成旁白</translation>
    </message>
    <message>
      <source>Use your own recording, with its caption file if you have one: silence is trimmed and the loudness matched; the original is kept</source>
      <translation>使用您自己的录音（如有字幕文件可一并导入）：自动去除首尾静音并统一响度，原始文件会保留</translation>
    </message>
  </context>
  <context>
    <name>NarrationPreferences</name>
    <message>
      <source>Narration (this project)</source>
      <translation>旁白（本项目）</translation>
    </message>
    <message>
      <source>eSpeak NG (always available)</source>
      <translation>eSpeak NG（始终可用）</translation>
    </message>
    <message>
      <source>Piper (an imported neural voice)</source>
      <translation>Piper（导入的神经网络语音）</translation>
    </message>
    <message>
      <source>The system's voices</source>
      <translation>系统语音</translation>
    </message>
    <message>
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <source>voice</source>
      <translation>语音</translation>
    </message>
    <message>
      <source>Import voice…</source>
      <translation>导入语音…</translation>
    </message>
    <message>
      <source>A Piper voice: the .onnx model with its .onnx.json beside it</source>
      <translation>Piper 语音：.onnx 模型文件，旁边需有同名 .onnx.json 配置文件</translation>
    </message>
    <message>
      <source>Imported Piper voices</source>
      <translation>已导入的 Piper 语音</translation>
    </message>
    <message>
      <source>none imported</source>
      <translation>尚未导入</translation>
    </message>
    <message>
      <source>Import a Piper voice</source>
      <translation>导入 Piper 语音</translation>
    </message>
    <message>
      <source>Piper voices (*.onnx)</source>
      <translation>Piper 语音（*.onnx）</translation>
    </message>
    <message>
      <source>Importing the voice {0}</source>
      <translation>正在导入语音 {0}</translation>
    </message>
  </context>
  <context>
    <name>ToursPane</name>
    <message>
      <source>Narrate all</source>
      <translation>全部生成旁白</translation>
    </message>
    <message>
      <source>Speak every missing or stale narration of the project (objects, halls, stops) in the background</source>
      <translation>在后台为项目中所有缺失或过期的旁白（展品、展厅、导览站点）生成语音</translation>
    </message>
  </context>
  <context>
    <name>History</name>
    <message>
      <source>edit narration text</source>
      <translation>编辑旁白文本</translation>
    </message>
    <message>
      <source>narrate</source>
      <translation>生成旁白</translation>
    </message>
    <message>
      <source>import narration recording</source>
      <translation>导入旁白录音</translation>
    </message>
    <message>
      <source>choose narration voice</source>
      <translation>选择旁白语音</translation>
    </message>
    <message>
      <source>import voice</source>
      <translation>导入语音</translation>
    </message>
  </context>
  <context>
    <name>RecordingImportDialog</name>
    <message>
      <source>none: timed from the narration text</source>
      <translation>无：按旁白文字自动计时</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <source>Recording</source>
      <translation>录音</translation>
    </message>
    <message>
      <source>Captions (optional)</source>
      <translation>字幕（可选）</translation>
    </message>
    <message>
      <source>A WebVTT (.vtt) or SRT (.srt) file timed on this recording. Silence trimmed from its start moves the captions with it.</source>
      <translation>按此录音计时的 WebVTT（.vtt）或 SRT（.srt）字幕文件。录音开头去除的静音会同步移动字幕时间。</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <source>Import a recording</source>
      <translation>导入录音</translation>
    </message>
    <message>
      <source>Recordings ({0})</source>
      <translation>录音文件（{0}）</translation>
    </message>
    <message>
      <source>Captions for this recording</source>
      <translation>此录音的字幕</translation>
    </message>
    <message>
      <source>Captions ({0})</source>
      <translation>字幕文件（{0}）</translation>
    </message>
  </context>
</TS>