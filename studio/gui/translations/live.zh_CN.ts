<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DestinationLights</name>
    <message>
        <location filename="../live/lights.py" line="85"/>
        <source>Off air</source>
        <translation>未开播</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="85"/>
        <source>No destinations: add one in the editor</source>
        <translation>没有推流目标：请在编辑区添加</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="102"/>
        <source>on air {0}</source>
        <translation>已直播 {0}</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="104"/>
        <source>{0} reconnects</source>
        <translation>重连 {0} 次</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="116"/>
        <source>{0:.0f} fps · {1} dropped frames · recording {2}</source>
        <translation>{0:.0f} 帧/秒 · 丢帧 {1} · 已录制 {2}</translation>
    </message>
</context>
<context>
    <name>DestinationsTable</name>
    <message>
        <location filename="../live/editor.py" line="45"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="45"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="45"/>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="46"/>
        <source>Stream key</source>
        <translation>推流密钥</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="54"/>
        <source>Add destination</source>
        <translation>添加推流目标</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="56"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="78"/>
        <source>e.g. bilibili</source>
        <translation>例如 bilibili</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="87"/>
        <source>saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="88"/>
        <source>type the stream key</source>
        <translation>输入推流密钥</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <location filename="../live/editor.py" line="150"/>
        <location filename="../live/editor.py" line="154"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="160"/>
        <source>Video file…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="171"/>
        <source>the event&apos;s title</source>
        <translation>活动标题</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="177"/>
        <source>Save event</source>
        <translation>保存活动</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="188"/>
        <source>Encoder speed</source>
        <translation>编码速度</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="192"/>
        <source>Countdown before the start</source>
        <translation>开始前倒计时</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="197"/>
        <source>Title (Chinese)</source>
        <translation>标题（中文）</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="198"/>
        <source>Title (English)</source>
        <translation>标题（英文）</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="199"/>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="200"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="201"/>
        <source>Source</source>
        <translation>信号源</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="202"/>
        <source>Program size</source>
        <translation>节目画面尺寸</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="203"/>
        <source>Slate texts</source>
        <translation>字幕与片头文字</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="205"/>
        <source>Countdown title</source>
        <translation>倒计时标题</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="206"/>
        <source>Caption</source>
        <translation>下方字幕</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="207"/>
        <source>QR code address</source>
        <translation>二维码网址</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="208"/>
        <source>Destinations</source>
        <translation>推流目标</translation>
    </message>
    <message>
        <location filename="../live/editor.py" line="257"/>
        <source>Program video</source>
        <translation>节目视频</translation>
    </message>
</context>
<context>
    <name>EventsList</name>
    <message>
        <location filename="../live/events_list.py" line="35"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../live/events_list.py" line="35"/>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <location filename="../live/events_list.py" line="35"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../live/events_list.py" line="36"/>
        <source>Destinations</source>
        <translation>推流目标</translation>
    </message>
</context>
<context>
    <name>LiveEvents</name>
    <message>
        <location filename="../live/events_list.py" line="10"/>
        <source>scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <location filename="../live/events_list.py" line="10"/>
        <source>on air</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../live/events_list.py" line="11"/>
        <source>done</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../live/events_list.py" line="11"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../live/events_list.py" line="12"/>
        <source>missed</source>
        <translation>已错过</translation>
    </message>
</context>
<context>
    <name>LiveLights</name>
    <message>
        <location filename="../live/lights.py" line="17"/>
        <source>off air</source>
        <translation>未开播</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="18"/>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="19"/>
        <source>live</source>
        <translation>直播中</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="20"/>
        <source>retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <location filename="../live/lights.py" line="21"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>LivePane</name>
    <message>
        <location filename="../live/pane.py" line="44"/>
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="46"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="65"/>
        <source>Go Live</source>
        <translation>开始直播</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="69"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="74"/>
        <source>On air</source>
        <translation>直播</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="147"/>
        <source>Event saved: {0}</source>
        <translation>活动已保存：{0}</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="192"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="193"/>
        <source>On air: {0}</source>
        <translation>直播中：{0}</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="203"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="224"/>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="224"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="224"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="225"/>
        <source>{0}: {1}; recording {2:.0f} s in {3} part(s)</source>
        <translation>{0}：{1}；录像 {2:.0f} 秒，共 {3} 段</translation>
    </message>
    <message>
        <location filename="../live/pane.py" line="232"/>
        <source>Not on air</source>
        <translation>未在直播</translation>
    </message>
</context>
<context>
    <name>LiveRun</name>
    <message>
        <location filename="../live/live_run.py" line="57"/>
        <source>Live: {0}</source>
        <translation>直播：{0}</translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <location filename="../live/__init__.py" line="9"/>
        <source>Live</source>
        <translation>直播</translation>
    </message>
</context>
<context>
    <name>PreviewView</name>
    <message>
        <location filename="../live/preview.py" line="54"/>
        <source>Countdown slate</source>
        <translation>倒计时画面</translation>
    </message>
    <message>
        <location filename="../live/preview.py" line="56"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../live/preview.py" line="85"/>
        <location filename="../live/preview.py" line="93"/>
        <source>Choose an event to see its program.</source>
        <translation>选择一个活动以预览其节目画面。</translation>
    </message>
    <message>
        <location filename="../live/preview.py" line="97"/>
        <source>Making a preview…</source>
        <translation>正在生成预览…</translation>
    </message>
</context>
</TS>
