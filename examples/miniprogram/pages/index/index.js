// A page that calls wx.getUserInfo through the Rust module: the options are
// built and checked in Rust, the call goes through WasmHost, and the reply
// is decoded into the typed success before the nickname comes back here.
Page({
  data: { nickName: '', error: '' },

  showUser() {
    return getApp()
      .wx.then((platform) => platform.wxGetUserInfo('zh_CN'))
      .then((nickName) => this.setData({ nickName, error: '' }))
      .catch((error) => this.setData({ error: String(error && error.message) }));
  },
});
